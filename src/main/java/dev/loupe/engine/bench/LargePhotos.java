package dev.loupe.engine.bench;

import dev.loupe.engine.image.ImageDecoder;
import dev.loupe.engine.util.AtomicFiles;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Camera-sized photos made from small ones, for measuring what 12-megapixel photos cost: each source enlarged to
 * 4000 x 3000, with sensor-like noise (Gaussian, sigma 4 grey levels per channel, seeded per photo) so that the
 * JPEG holds as much detail to decode as a real photo of that size (a smooth enlargement would compress to a tenth
 * and decode far faster), saved at quality 0.92 as cameras do.
 */
public final class LargePhotos {

    public static final int WIDTH = 4000;
    public static final int HEIGHT = 3000;
    private static final double NOISE_SIGMA = 4.0;
    private static final float QUALITY = 0.92f;

    private LargePhotos() {
    }

    /**
     * Writes {@code count} photos into {@code root/<source's folder>/}, cycling through {@code sources}, on every core
     * (each photo's noise is seeded by its number, so the files are the same however the work is shared).
     */
    public static List<Path> write(List<Path> sources, int count, Path root) throws IOException {
        List<Path> written = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path source = sources.get(i % sources.size());
            String folder = source.getParent() == null ? "photos" : source.getParent().getFileName().toString();
            written.add(Files.createDirectories(root.resolve(folder)).resolve("large-" + i + ".jpg"));
        }
        try {
            IntStream.range(0, count).parallel().forEach(i -> {
                try {
                    writeOne(sources.get(i % sources.size()), i, written.get(i));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return written;
    }

    private static void writeOne(Path source, int i, Path target) throws IOException {
        BufferedImage big = enlarge(ImageDecoder.decode(source, 0));
        addNoise(big, new SplittableRandom(i));
        AtomicFiles.write(target, out -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(QUALITY);
                writer.setOutput(ios);
                writer.write(null, new IIOImage(big, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }

    private static BufferedImage enlarge(BufferedImage small) {
        BufferedImage big = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(small, 0, 0, WIDTH, HEIGHT, null);
        g.dispose();
        return big;
    }

    private static void addNoise(BufferedImage image, SplittableRandom random) {
        // 36 million deviates per photo: drawn from a table of 65,536, which no eye or decoder tells apart.
        int[] table = new int[1 << 16];
        for (int i = 0; i < table.length; i++) {
            table[i] = (int) Math.round(gaussian(random) * NOISE_SIGMA);
        }
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            int r = clamp(((p >> 16) & 0xFF) + table[random.nextInt() & 0xFFFF]);
            int g = clamp(((p >> 8) & 0xFF) + table[random.nextInt() & 0xFFFF]);
            int b = clamp((p & 0xFF) + table[random.nextInt() & 0xFFFF]);
            rgb[i] = (r << 16) | (g << 8) | b;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** A standard normal deviate (Box-Muller); SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
