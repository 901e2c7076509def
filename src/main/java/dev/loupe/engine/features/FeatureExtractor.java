package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;

/**
 * Runs a backbone on a batch of prepared images. At most {@link #concurrentCallers()} threads may call
 * {@link #extract} at once; by default that is one.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** The backbone's id, part of the cache key. */
    String backboneId();

    /** How images must be prepared, including the tensor layout this runtime takes. */
    InputSpec inputSpec();

    int featureDim();

    /** Preferred number of images per call, as measured for this runtime. */
    int batchSize();

    /**
     * How many threads may run {@link #extract} at the same time, each on a core of its own. A runtime that spreads
     * one call over the cores itself (DL4J) takes one caller.
     */
    default int concurrentCallers() {
        return 1;
    }

    /**
     * @param pixels {@code count * inputSpec().valuesPerImage()} floats, image after image, in the spec's layout
     * @return one feature vector per image
     */
    float[][] extract(float[] pixels, int count);

    @Override
    void close();
}
