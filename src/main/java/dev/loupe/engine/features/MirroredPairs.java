package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;

/**
 * Test-time augmentation: runs the network on each prepared image and on its left-right mirror, and returns both
 * feature vectors side by side (the photo's first), so a classifier can average the two predictions while the
 * photo's own features still place it on the map. Twice the network time of the extractor it wraps.
 */
public final class MirroredPairs implements FeatureExtractor {

    private final FeatureExtractor inner;

    public MirroredPairs(FeatureExtractor inner) {
        this.inner = inner;
    }

    @Override public String backboneId() { return inner.backboneId(); }
    @Override public InputSpec inputSpec() { return inner.inputSpec(); }
    @Override public int featureDim() { return 2 * inner.featureDim(); }
    @Override public int batchSize() { return inner.batchSize(); }
    @Override public int concurrentCallers() { return inner.concurrentCallers(); }

    @Override
    public float[][] extract(float[] pixels, int count) {
        float[][] plain = inner.extract(pixels, count);
        float[][] mirrored = inner.extract(mirror(pixels, count, inner.inputSpec()), count);
        int dim = inner.featureDim();
        float[][] out = new float[count][2 * dim];
        for (int i = 0; i < count; i++) {
            System.arraycopy(plain[i], 0, out[i], 0, dim);
            System.arraycopy(mirrored[i], 0, out[i], dim, dim);
        }
        return out;
    }

    /** The images of a batch flipped left to right, in the spec's layout. */
    static float[] mirror(float[] pixels, int count, InputSpec spec) {
        int w = spec.width();
        int h = spec.height();
        float[] out = new float[pixels.length];
        boolean nchw = spec.layout() == InputSpec.Layout.NCHW;
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[index(nchw, n, c, y, w - 1 - x, w, h)] = pixels[index(nchw, n, c, y, x, w, h)];
                    }
                }
            }
        }
        return out;
    }

    private static int index(boolean nchw, int n, int c, int y, int x, int w, int h) {
        return nchw ? ((n * 3 + c) * h + y) * w + x : ((n * h + y) * w + x) * 3 + c;
    }

    /** Leaves the wrapped extractor open: whoever opened it closes it. */
    @Override
    public void close() {
    }
}
