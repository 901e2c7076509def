package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;

/**
 * A fine-tuned backbone's features and the stock backbone's, side by side (the fine-tuned first), from two networks
 * run one after the other: what {@link ExtractorFactory#openWithStock} gives on a runtime that cannot run both in
 * one graph (DL4J). ONNX Runtime runs one graph instead, whose shared bottom runs once ({@code OnnxExporter.withStock}).
 * Closing it closes both.
 */
final class TunedAndStock implements FeatureExtractor {

    private final FeatureExtractor tuned;
    private final FeatureExtractor stock;

    TunedAndStock(FeatureExtractor tuned, FeatureExtractor stock) {
        this.tuned = tuned;
        this.stock = stock;
    }

    @Override public String backboneId() { return tuned.backboneId(); }
    @Override public InputSpec inputSpec() { return tuned.inputSpec(); }
    @Override public int featureDim() { return tuned.featureDim() + stock.featureDim(); }
    @Override public int batchSize() { return Math.min(tuned.batchSize(), stock.batchSize()); }
    @Override public int concurrentCallers() { return Math.min(tuned.concurrentCallers(), stock.concurrentCallers()); }

    @Override
    public float[][] extract(float[] pixels, int count) {
        float[][] a = tuned.extract(pixels, count);
        float[][] b = stock.extract(pixels, count);
        float[][] out = new float[count][featureDim()];
        for (int i = 0; i < count; i++) {
            System.arraycopy(a[i], 0, out[i], 0, tuned.featureDim());
            System.arraycopy(b[i], 0, out[i], tuned.featureDim(), stock.featureDim());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            tuned.close();
        } finally {
            stock.close();
        }
    }
}
