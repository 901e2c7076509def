package dev.loupe.engine.backbone;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.image.ImageResizer;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Fills a tensor straight from an image's pixel buffer: no per-pixel boxing, no intermediate arrays. The last
 * resizing step is done here too, bilinear into floats, which saves Java2D drawing an intermediate image (most of
 * the time of preparing a photo after decoding it; docs/benchmarks.md, "Decoding").
 */
final class PixelTensors {

    private PixelTensors() {
    }

    /**
     * Resizes {@code image} to the spec's size (aspect ratio not kept) and writes it at {@code offset}: halvings first
     * for large reductions ({@link ImageResizer#halved}), then bilinear interpolation with pixel centres aligned, as
     * Java2D does, and edge pixels repeated.
     */
    public static void fill(BufferedImage image, InputSpec spec, float[] dest, int offset) {
        // The scalings are affine: value * scale + shift, per channel.
        InputSpec.Scaling scaling = spec.scaling();
        float scale = scaling.apply(255f, 1) - scaling.apply(0f, 1);
        fill(image, spec, scale / 255f, new float[]{scaling.apply(0f, 0), scaling.apply(0f, 1), scaling.apply(0f, 2)},
                dest, offset);
    }

    /**
     * The same resized pixels before any scaling: RGB values 0-255 (fractional where interpolated), NHWC, as an
     * exported model that prepares its pixels itself takes them. What an export is checked against.
     */
    static float[] rgb(BufferedImage image, int width, int height, InputSpec.Fit fit) {
        InputSpec spec = new InputSpec(width, height, InputSpec.ChannelOrder.RGB, InputSpec.Scaling.ZERO_TO_ONE,
                InputSpec.Layout.NHWC, 0, fit);
        float[] out = new float[spec.valuesPerImage()];
        fill(image, spec, 1f, new float[3], out, 0);
        return out;
    }

    private static void fill(BufferedImage image, InputSpec spec, float scale, float[] shifts, float[] dest,
                             int offset) {
        BufferedImage src = ImageResizer.halved(fitted(image, spec), spec.width(), spec.height());
        int sw = src.getWidth();
        int[] argb = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
        Taps xs = new Taps(sw, spec.width());
        Taps ys = new Taps(src.getHeight(), spec.height());
        int plane = spec.width() * spec.height();
        boolean bgr = spec.channelOrder() == InputSpec.ChannelOrder.BGR;
        boolean nchw = spec.layout() == InputSpec.Layout.NCHW;
        float rShift = shifts[0];
        float gShift = shifts[1];
        float bShift = shifts[2];
        for (int y = 0; y < spec.height(); y++) {
            int row0 = ys.first[y] * sw;
            int row1 = ys.second[y] * sw;
            float fy = ys.weight[y];
            for (int x = 0; x < spec.width(); x++) {
                int x0 = xs.first[x];
                int x1 = xs.second[x];
                float fx = xs.weight[x];
                int p00 = argb[row0 + x0];
                int p01 = argb[row0 + x1];
                int p10 = argb[row1 + x0];
                int p11 = argb[row1 + x1];
                float r = lerp(p00, p01, p10, p11, 16, fx, fy) * scale + rShift;
                float g = lerp(p00, p01, p10, p11, 8, fx, fy) * scale + gShift;
                float b = lerp(p00, p01, p10, p11, 0, fx, fy) * scale + bShift;
                int i = y * spec.width() + x;
                float c0 = bgr ? b : r;
                float c2 = bgr ? r : b;
                if (nchw) {
                    dest[offset + i] = c0;
                    dest[offset + plane + i] = g;
                    dest[offset + 2 * plane + i] = c2;
                } else {
                    int o = offset + 3 * i;
                    dest[o] = c0;
                    dest[o + 1] = g;
                    dest[o + 2] = c2;
                }
            }
        }
    }

    /** The photo, or for {@link InputSpec.Fit#CENTRE_CROP} its centred part of the network's aspect ratio. */
    static BufferedImage fitted(BufferedImage image, InputSpec spec) {
        Rectangle a = seen(image.getWidth(), image.getHeight(), spec);
        return a.width == image.getWidth() && a.height == image.getHeight() ? image
                : ImageResizer.crop(image, a.x, a.y, a.width, a.height);
    }

    /**
     * The part of a {@code w x h} photo the network sees: all of it, or for {@link InputSpec.Fit#CENTRE_CROP} the
     * largest centred rectangle of the network's aspect ratio (what a heat map covers).
     */
    static Rectangle seen(int w, int h, InputSpec spec) {
        if (spec.fit() != InputSpec.Fit.CENTRE_CROP) {
            return new Rectangle(0, 0, w, h);
        }
        int cw = (int) Math.min(w, Math.round((double) h * spec.width() / spec.height()));
        int ch = (int) Math.min(h, Math.round((double) w * spec.height() / spec.width()));
        return new Rectangle((w - cw) / 2, (h - ch) / 2, cw, ch);
    }

    private static float lerp(int p00, int p01, int p10, int p11, int shift, float fx, float fy) {
        float top = channel(p00, shift) + (channel(p01, shift) - channel(p00, shift)) * fx;
        float bottom = channel(p10, shift) + (channel(p11, shift) - channel(p10, shift)) * fx;
        return top + (bottom - top) * fy;
    }

    private static int channel(int pixel, int shift) {
        return (pixel >> shift) & 0xFF;
    }

    /** For each output position along one axis: the two source positions it lies between, and its weight on the second. */
    private static final class Taps {
        final int[] first;
        final int[] second;
        final float[] weight;

        Taps(int source, int target) {
            first = new int[target];
            second = new int[target];
            weight = new float[target];
            double scale = (double) source / target;
            for (int i = 0; i < target; i++) {
                double s = Math.min(source - 1, Math.max(0, (i + 0.5) * scale - 0.5));
                first[i] = (int) s;
                second[i] = Math.min(source - 1, first[i] + 1);
                weight[i] = (float) (s - first[i]);
            }
        }
    }
}
