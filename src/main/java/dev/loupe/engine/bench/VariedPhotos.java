package dev.loupe.engine.bench;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A larger dataset made from a few photos: each source is written again as JPEG at a different scale per variant,
 * so every file has its own content hash (the feature cache's key) and is extracted like a new photo, while it
 * keeps its class folder. Variant v of n is scaled by 1 - 0.5 v / n: distinct for each v, never enlarged.
 */
final class VariedPhotos {

    private VariedPhotos() {
    }

    /**
     * Writes {@code count} variants into {@code root/<class>/}: variant {@code firstVariant} of every source, then the
     * next variant of every source, and so on; a last, partial round takes its sources evenly across the list, so a
     * few files still cover every class folder. {@code variants} is the n above.
     */
    static List<Path> write(List<Path> sources, int count, int firstVariant, int variants, Path root)
            throws IOException {
        int n = sources.size();
        Map<Integer, List<Integer>> bySource = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int round = i / n;
            int inRound = Math.min(n, count - round * n);
            int source = (int) ((long) (i % n) * n / inRound);
            bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(firstVariant + round);
        }
        List<Path> written = new ArrayList<>(count);
        for (Map.Entry<Integer, List<Integer>> e : bySource.entrySet()) {
            Path source = sources.get(e.getKey());
            // Decoded once for all its variants: decoding is most of the cost.
            BufferedImage image = ImageIO.read(source.toFile());
            if (image == null) {
                throw new IOException("Not an image ImageIO can read: " + source);
            }
            for (int variant : e.getValue()) {
                written.add(writeVariant(source, image, variant, variants, root));
            }
        }
        return written;
    }

    private static Path writeVariant(Path source, BufferedImage image, int variant, int variants, Path root)
            throws IOException {
        double scale = 1 - 0.5 * variant / variants;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        String label = source.getParent().getFileName().toString();
        String stem = source.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path target = root.resolve(label).resolve(stem + "-v" + variant + ".jpg");
        Files.createDirectories(target.getParent());
        if (!ImageIO.write(out, "jpg", target.toFile())) {
            throw new IOException("No JPEG writer");
        }
        return target;
    }
}
