package dev.loupe.engine.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builds test pictures at run time, so no third-party image is committed. */
final class TestImages {

    static final int RED = 0xFF0000;
    static final int GREEN = 0x00FF00;
    static final int BLUE = 0x0000FF;
    static final int WHITE = 0xFFFFFF;

    private TestImages() {
    }

    /** An RGB image in four solid quadrants: top-left, top-right, bottom-left, bottom-right. */
    static BufferedImage quadrants(int w, int h, int tl, int tr, int bl, int br) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        fill(g, tl, 0, 0, w / 2, h / 2);
        fill(g, tr, w / 2, 0, w - w / 2, h / 2);
        fill(g, bl, 0, h / 2, w / 2, h - h / 2);
        fill(g, br, w / 2, h / 2, w - w / 2, h - h / 2);
        g.dispose();
        return img;
    }

    private static void fill(Graphics2D g, int rgb, int x, int y, int w, int h) {
        g.setColor(new Color(rgb));
        g.fillRect(x, y, w, h);
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** A PNG chunk: length, type, data, CRC over type and data. */
    static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    static byte[] ihdr(int w, int h, int bitDepth, int colourType) {
        return ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) bitDepth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
    }

    /** Rewrites the IHDR width and height of a PNG (IHDR is always the first chunk) and fixes its CRC. */
    static byte[] withClaimedSize(byte[] png, int w, int h) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(16, w).putInt(20, h);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return out;
    }

    /** Inserts an APP1 Exif segment holding only an Orientation tag right after the JPEG's JFIF APP0 segment. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M')).putShort((short) 42)
                .putInt(8)                                   // IFD0 right after the header
                .putShort((short) 1)                         // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1) // Orientation, SHORT, count 1
                .putShort((short) orientation).putShort((short) 0)
                .putInt(0);                                  // no next IFD
        return withApp1Exif(jpeg, tiff.array());
    }

    /**
     * Inserts an APP1 Exif segment after the JFIF APP0 one: IFD0 with the Orientation tag, IFD1 with
     * {@code thumbnail} (a JPEG) as the EXIF thumbnail, as cameras store it.
     */
    static byte[] withExifThumbnail(byte[] jpeg, byte[] thumbnail, int orientation) {
        int dataAt = 8 + 18 + 30;
        ByteBuffer tiff = ByteBuffer.allocate(dataAt + thumbnail.length);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8)
                .putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(26)                                  // IFD1 next
                .putShort((short) 2)
                .putShort((short) 0x0201).putShort((short) 4).putInt(1).putInt(dataAt)   // JPEGInterchangeFormat
                .putShort((short) 0x0202).putShort((short) 4).putInt(1).putInt(thumbnail.length)
                .putInt(0)
                .put(thumbnail);
        return withApp1Exif(jpeg, tiff.array());
    }

    /** Inserts {@code tiff} as an APP1 Exif segment right after the JPEG's JFIF APP0 segment (or its SOI). */
    private static byte[] withApp1Exif(byte[] jpeg, byte[] tiff) {
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        int app0End = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        int len = exif.length + 2;
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    static int[] rgb(int pixel) {
        return new int[] {(pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF};
    }

    /** Asserts the pixel at (x, y) is within {@code tolerance} per channel of {@code expected}. */
    static void assertPixel(BufferedImage img, int x, int y, int expected, int tolerance) {
        int p = img.getRGB(x, y) & 0xFFFFFF;
        org.assertj.core.api.Assertions.assertThat(near(p, expected, tolerance))
                .as("pixel (%d, %d) is %06X, expected about %06X", x, y, p, expected).isTrue();
    }

    /** True if every channel is within {@code tolerance} of the expected colour. */
    static boolean near(int pixel, int expected, int tolerance) {
        int[] a = rgb(pixel);
        int[] e = rgb(expected);
        for (int i = 0; i < 3; i++) {
            if (Math.abs(a[i] - e[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
