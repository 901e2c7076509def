package dev.loupe.engine.bench;

/** The parts of {@code loupe bench}, in the order they run; any can be skipped to shorten a run. */
public enum BenchPart {
    /** Decoding alone, then each backbone on ONNX Runtime and on DL4J. */
    extraction,
    /** Head training on random features, then the warm latency of classifying one photo with that head. */
    head,
    /** The warm latency of a heat map for one photo (decode, backbone with its feature maps, head, colouring). */
    explain,
    /** Retraining a 1,000-photo dataset after adding 10 photos, the other features cached. */
    retrain,
    /** PCA + t-SNE of a dataset map at 1,000 and 10,000 points. */
    map,
    /** Similar-image queries at 10,000 and 100,000 vectors; with {@code --scale} HNSW at 100,000 and 1,000,000. */
    neighbours,
    /** Launching the studio until its window is shown (needs a display). */
    studio,
    /** 12-megapixel JPEGs end to end, decoded, and against djpeg; only with {@code --scale} (minutes). */
    phone;

    /** Whether the part runs only when asked for with {@code --scale}. */
    public boolean atScale() {
        return this == phone;
    }
}
