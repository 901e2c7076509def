package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.FeatureExtractor;

/** An extractor that computes nothing: the pipeline's speed with it is the speed of decoding and resizing alone. */
final class NullExtractor implements FeatureExtractor {

    private final BackboneDescriptor descriptor;

    NullExtractor(BackboneDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public String backboneId() {
        return descriptor.id();
    }

    @Override
    public InputSpec inputSpec() {
        return descriptor.input().withLayout(InputSpec.Layout.NCHW);
    }

    @Override
    public int featureDim() {
        return 1;
    }

    @Override
    public int batchSize() {
        return 16;
    }

    /** As many as ONNX Runtime takes, so the pipeline decodes on every core as it does for a real network. */
    @Override
    public int concurrentCallers() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public float[][] extract(float[] pixels, int count) {
        return new float[count][1];
    }

    @Override
    public void close() {
        // nothing to free
    }
}
