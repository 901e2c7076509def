package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.util.Hashes;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Tiny generated images, and a way to prove that no bytes went missing. */
public final class TestImages {

    private TestImages() {
    }

    /** A PNG of one colour; {@code seed} makes distinct content. */
    public static Path png(Path file, int seed, int side) throws IOException {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, new Color((seed * 37 + x) % 256, (seed * 91 + y) % 256, seed % 256).getRGB());
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    public static Path png(Path file, int seed) throws IOException {
        return png(file, seed, 40);
    }

    /** A dataset with classes a (2 images) and b (1 image). */
    public static Path smallDataset(Path root) throws IOException {
        png(root.resolve("a/1.png"), 1);
        png(root.resolve("a/2.png"), 2);
        png(root.resolve("b/3.png"), 3);
        return root;
    }

    /** Content hash -> count of every file under {@code root}, trash included: equal before and after = nothing lost. */
    public static Map<String, Integer> contents(Path root) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            // Loupe's own files (journal, lock, class colours) are not the user's.
            walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("journal"))
                    .filter(p -> !p.equals(root.resolve(".loupe/lock")))
                    .filter(p -> !p.equals(root.resolve(".loupe/class-colours.json")))
                    .forEach(p -> {
                        try {
                            out.merge(Hashes.sha256(p), 1, Integer::sum);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return out;
    }
}
