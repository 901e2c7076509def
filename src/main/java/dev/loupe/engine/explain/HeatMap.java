package dev.loupe.engine.explain;

import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;

import java.awt.Rectangle;

/**
 * Where the model looked for one class in one image, at the backbone's last convolutional resolution (7x7 for the
 * bundled MobileNets at 224 px). The grid covers what the network saw: the whole photo stretched to its input (Loupe's
 * backbones), so cell (x, y) is the same fraction of the photo's width and height, or the photo's centred crop
 * (Teachable Machine's models; {@link #onPhoto}).
 *
 * @param label       the class
 * @param probability the model's calibrated probability for the class on this image
 * @param cam         for each position, row-major: the sum over feature maps of the map's value times the gradient
 *                    of the class's logit with respect to the feature pooled from it, before any clipping. With
 *                    average pooling its mean over the positions is the logit itself less a constant of the class
 *                    (exactly so for softmax regression)
 * @param input       how the network was given the photo
 */
public record HeatMap(String label, int classIndex, double probability, int width, int height, float[] cam,
                      InputSpec input) {

    /** The map as shown: positive evidence only, scaled so its hottest cell is 1 (all 0 when nothing is positive). */
    public float[] normalised() {
        float max = 0;
        for (float v : cam) {
            max = Math.max(max, v);
        }
        float[] out = new float[cam.length];
        if (max > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(0, cam[i]) / max;
            }
        }
        return out;
    }

    /** The hottest cell, row-major. */
    public int peak() {
        int best = 0;
        for (int i = 1; i < cam.length; i++) {
            if (cam[i] > cam[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The normalised map at {@code w x h}, row-major, interpolated bilinearly between cell centres (edges held):
     * smooth, and its peak stays at the hottest cell's centre.
     */
    public float[] upsample(int w, int h) {
        float[] grid = normalised();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double gy = clamp((y + 0.5) * height / h - 0.5, height - 1);
            int y0 = (int) gy;
            int y1 = Math.min(height - 1, y0 + 1);
            float fy = (float) (gy - y0);
            for (int x = 0; x < w; x++) {
                double gx = clamp((x + 0.5) * width / w - 0.5, width - 1);
                int x0 = (int) gx;
                int x1 = Math.min(width - 1, x0 + 1);
                float fx = (float) (gx - x0);
                float top = grid[y0 * width + x0] + (grid[y0 * width + x1] - grid[y0 * width + x0]) * fx;
                float bottom = grid[y1 * width + x0] + (grid[y1 * width + x1] - grid[y1 * width + x0]) * fx;
                out[y * w + x] = top + (bottom - top) * fy;
            }
        }
        return out;
    }

    /**
     * The normalised map over a {@code w x h} photo, row-major: upsampled over the part the network saw
     * ({@link ImagePreparer#seen}), 0 outside it.
     */
    public float[] onPhoto(int w, int h) {
        Rectangle seen = ImagePreparer.seen(w, h, input);
        float[] inside = upsample(seen.width, seen.height);
        if (seen.width == w && seen.height == h) {
            return inside;
        }
        float[] out = new float[w * h];
        for (int y = 0; y < seen.height; y++) {
            System.arraycopy(inside, y * seen.width, out, (seen.y + y) * w + seen.x, seen.width);
        }
        return out;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
