package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;

import java.util.Optional;

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

    /**
     * Why this backbone, on this runtime, gives no feature maps for heat maps (one sentence), or empty when
     * {@link #extractMaps} works.
     */
    default Optional<String> noFeatureMaps() {
        return Optional.of("This runtime gives no feature maps.");
    }

    /**
     * One prepared image's last feature maps and its features, from one run of the network; callers limited as for
     * {@link #extract}.
     *
     * @throws UnsupportedOperationException when {@link #noFeatureMaps()} says why not
     */
    default FeatureMaps extractMaps(float[] pixels) {
        throw new UnsupportedOperationException(noFeatureMaps().orElse("no feature maps"));
    }

    @Override
    void close();
}
