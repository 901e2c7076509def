package dev.loupe.engine.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** Converts whatever a reader returned to opaque {@code TYPE_INT_RGB}, the one layout the rest of Loupe handles. */
final class RgbImages {

    private RgbImages() {
    }

    /** The image itself if it already is {@code TYPE_INT_RGB}, else an opaque copy with alpha composited over white. */
    static BufferedImage toIntRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        ColorModel cm = src.getColorModel();
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return fromGrey(src);
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Grey by hand: Java2D treats a custom grey colour model (16-bit grey, grey + alpha) as linear light and brightens
     * it when drawing, while a PNG's grey levels are meant to be shown as they are, like 8-bit grey.
     */
    private static BufferedImage fromGrey(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        ColorModel cm = src.getColorModel();
        Raster raster = src.getRaster();
        double greyMax = (1L << cm.getComponentSize(0)) - 1;
        boolean alpha = cm.hasAlpha() && raster.getNumBands() > 1;
        double alphaMax = alpha ? (1L << cm.getComponentSize(1)) - 1 : 1;
        boolean premultiplied = cm.isAlphaPremultiplied();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] grey = new int[w];
        int[] alphas = new int[w];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, grey);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, alphas);
            }
            for (int x = 0; x < w; x++) {
                double v = grey[x] / greyMax;
                if (alpha) {
                    double a = alphas[x] / alphaMax;
                    v = premultiplied ? v + (1 - a) : v * a + (1 - a);
                }
                int g = (int) Math.round(Math.min(1, Math.max(0, v)) * 255);
                row[x] = g << 16 | g << 8 | g;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }
}
