package dev.loupe.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Pictures where the class is a small textured patch at a random place on a cluttered background, so that where a
 * model looks can be checked against where the class is: the background is random flat-coloured shapes (no texture),
 * and each class's patch has a texture of its own.
 */
public final class PatchScenes {

    /** The textures, one per class. */
    public enum Texture { CHECKS, STRIPES, DOTS }

    /** A generated picture and where its patch is. */
    public record Scene(BufferedImage image, Rectangle patch) {
    }

    private PatchScenes() {
    }

    /** A {@code size}x{@code size} picture with a {@code patch}-pixel square of {@code texture}, seeded. */
    public static Scene scene(Texture texture, int size, int patch, long seed) {
        Random r = new Random(seed);
        BufferedImage img = clutter(size, r);
        Rectangle box = new Rectangle(r.nextInt(size - patch + 1), r.nextInt(size - patch + 1), patch, patch);
        Color ink = new Color(r.nextInt(80), r.nextInt(80), r.nextInt(80));
        Color paper = new Color(175 + r.nextInt(80), 175 + r.nextInt(80), 175 + r.nextInt(80));
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setClip(box);
            g.setColor(paper);
            g.fill(box);
            g.setColor(ink);
            int cell = Math.max(4, patch / 7);
            for (int y = box.y; y < box.y + patch; y += cell) {
                for (int x = box.x; x < box.x + patch; x += cell) {
                    int i = (x - box.x) / cell;
                    int j = (y - box.y) / cell;
                    switch (texture) {
                        case CHECKS -> {
                            if ((i + j) % 2 == 0) {
                                g.fillRect(x, y, cell, cell);
                            }
                        }
                        case STRIPES -> g.fillRect(x, y, cell / 2, cell);
                        case DOTS -> g.fillOval(x + cell / 4, y + cell / 4, cell / 2, cell / 2);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return new Scene(img, box);
    }

    /** Random flat rectangles and ellipses in random colours over a random flat colour. */
    public static BufferedImage clutter(int size, Random r) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillRect(0, 0, size, size);
            for (int i = 0; i < 24; i++) {
                g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
                int w = size / 8 + r.nextInt(size / 3);
                int h = size / 8 + r.nextInt(size / 3);
                int x = r.nextInt(size) - w / 2;
                int y = r.nextInt(size) - h / 2;
                if (r.nextBoolean()) {
                    g.fillRect(x, y, w, h);
                } else {
                    g.fillOval(x, y, w, h);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
