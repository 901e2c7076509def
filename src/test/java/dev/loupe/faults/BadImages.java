package dev.loupe.faults;

import dev.loupe.engine.image.AdobeJpegs;
import dev.loupe.engine.image.BigPngs;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * The images real folders hold, generated at run time (nothing third-party is committed): name to whether Loupe
 * should use it (true) or report it with a reason (false).
 */
final class BadImages {

    private BadImages() {
    }

    static Map<String, Boolean> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Boolean> usable = new LinkedHashMap<>();
        byte[] jpeg = encode(noise(64, 48, 1), "jpg");
        byte[] png = encode(noise(32, 32, 2), "png");
        put(dir, usable, "plain.jpg", jpeg, true);
        byte[] corrupt = jpeg.clone();
        for (int i = corrupt.length / 4; i < corrupt.length - 2; i++) {
            corrupt[i] = (byte) (i * 31);
        }
        corrupt[2] = 0x00;
        put(dir, usable, "corrupt.jpg", corrupt, false);
        put(dir, usable, "truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), false);
        put(dir, usable, "zero.jpg", new byte[0], false);
        put(dir, usable, "png named.jpg", png, true);
        put(dir, usable, "text.jpg", "these are my notes, not a photo\n".getBytes(), false);
        put(dir, usable, "cmyk.jpg", AdobeJpegs.cmykRedBlue(false), true);
        put(dir, usable, "ycck.jpg", AdobeJpegs.cmykRedBlue(true), true);
        put(dir, usable, "grey16.png", encode(new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY), "png"), true);
        put(dir, usable, "palette.png", encode(new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_INDEXED), "png"), true);
        put(dir, usable, "one-pixel.png", encode(noise(1, 1, 4), "png"), true);
        put(dir, usable, "bomb.png", claimedSize(png, 200_000, 200_000), false);
        put(dir, usable, "animated.gif", animatedGif(), true);
        BigPngs.writeRedCornerOnWhite(dir.resolve("huge-12000.png"), 12_000, 12_000);
        usable.put("huge-12000.png", true);
        return usable;
    }

    private static void put(Path dir, Map<String, Boolean> usable, String name, byte[] bytes, boolean ok)
            throws IOException {
        Files.write(dir.resolve(name), bytes);
        usable.put(name, ok);
    }

    static BufferedImage noise(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0xFFFFFF));
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no " + format + " writer");
        }
        return out.toByteArray();
    }

    /** A small PNG whose header claims {@code w}x{@code h} pixels: a decompression bomb's promise. */
    static byte[] claimedSize(byte[] png, int w, int h) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(16, w).putInt(20, h);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return out;
    }

    private static byte[] animatedGif() throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < 3; i++) {
                writer.writeToSequence(new IIOImage(noise(24, 24, 10 + i), null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
