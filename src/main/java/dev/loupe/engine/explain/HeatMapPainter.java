package dev.loupe.engine.explain;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Colours a heat map for people: dark blue (nothing) through cyan, green and yellow to red (the hottest cell), drawn
 * more opaque where the map is hotter, so the photo shows through where the model did not look. The studio and
 * {@code loupe explain} use the same colours and the same legend.
 */
public final class HeatMapPainter {

    /** Colours at 0, 0.25, 0.5, 0.75 and 1. */
    private static final int[][] STOPS = {
            {20, 30, 140}, {0, 140, 255}, {0, 210, 110}, {255, 215, 0}, {225, 20, 20}};
    /** The least opacity, relative to the chosen one, at the coldest value: the overlay stays visibly on. */
    private static final float FLOOR = 0.2f;

    private HeatMapPainter() {
    }

    /** The colour of {@code value} (0 to 1) as ARGB, at {@code opacity} (0 to 1) where the value is 1. */
    public static int argb(float value, double opacity) {
        float v = Math.max(0, Math.min(1, value));
        float pos = v * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) pos);
        float t = pos - i;
        int r = mix(STOPS[i][0], STOPS[i + 1][0], t);
        int g = mix(STOPS[i][1], STOPS[i + 1][1], t);
        int b = mix(STOPS[i][2], STOPS[i + 1][2], t);
        int a = (int) Math.round(255 * Math.max(0, Math.min(1, opacity)) * (FLOOR + (1 - FLOOR) * v));
        return a << 24 | r << 16 | g << 8 | b;
    }

    /**
     * The map over a photo shown at {@code w x h}, coloured, row-major ARGB ({@link HeatMap#onPhoto}: outside a
     * centre crop the network did not see, nothing is drawn).
     */
    public static int[] overlay(HeatMap map, int w, int h, double opacity) {
        float[] values = map.onPhoto(w, h);
        java.awt.Rectangle seen = dev.loupe.engine.backbone.ImagePreparer.seen(w, h, map.input());
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = seen.contains(i % w, i / w) ? argb(values[i], opacity) : 0;
        }
        return out;
    }

    /** The legend: a bar from 0 (left) to 1 (right), fully opaque. */
    public static int[] legend(int w, int h) {
        int[] out = new int[w * h];
        for (int x = 0; x < w; x++) {
            int c = argb(x / (float) Math.max(1, w - 1), 1) | 0xFF000000;
            for (int y = 0; y < h; y++) {
                out[y * w + x] = c;
            }
        }
        return out;
    }

    /** The photo with the map over it, and the legend as a strip below it. */
    public static BufferedImage blend(BufferedImage photo, HeatMap map, double opacity) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        int strip = Math.max(6, h / 40);
        BufferedImage out = new BufferedImage(w, h + strip, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(photo, 0, 0, null);
            BufferedImage colours = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            colours.setRGB(0, 0, w, h, overlay(map, w, h, opacity), 0, w);
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(colours, 0, 0, null);
        } finally {
            g.dispose();
        }
        out.setRGB(0, h, w, strip, legend(w, strip), 0, w);
        return out;
    }

    private static int mix(int a, int b, float t) {
        return Math.round(a + (b - a) * t);
    }
}
