package dev.loupe.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small images generated at test time: a dominant colour plus seeded noise, so every file's bytes differ. */
public final class TestImages {

    private TestImages() {
    }

    /** Writes a {@code size}x{@code size} PNG of {@code colour} with noise seeded by {@code seed}. */
    public static Path png(Path file, Color colour, int size, long seed) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, size, size);
        g.dispose();
        Random r = new Random(seed);
        for (int i = 0; i < size * 2; i++) {
            int x = r.nextInt(size);
            int y = r.nextInt(size);
            img.setRGB(x, y, r.nextInt(0xFFFFFF));
        }
        write(img, "png", file);
        return file;
    }

    /** A dataset with one folder per colour and {@code perClass} images in each. */
    public static Path dataset(Path root, int perClass, Color... colours) {
        for (int c = 0; c < colours.length; c++) {
            for (int i = 0; i < perClass; i++) {
                png(root.resolve(name(colours[c])).resolve("img" + i + ".png"), colours[c], 32, c * 1000L + i);
            }
        }
        return root;
    }

    /** The class name {@link #dataset} uses for a colour: red, green, blue, yellow, black or hex. */
    public static String name(Color c) {
        if (c.equals(Color.RED)) return "red";
        if (c.equals(Color.GREEN)) return "green";
        if (c.equals(Color.BLUE)) return "blue";
        if (c.equals(Color.YELLOW)) return "yellow";
        if (c.equals(Color.BLACK)) return "black";
        return String.format("c%06x", c.getRGB() & 0xFFFFFF);
    }

    public static void write(BufferedImage img, String format, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IOException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
