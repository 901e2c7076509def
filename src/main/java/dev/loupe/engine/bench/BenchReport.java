package dev.loupe.engine.bench;

import java.util.List;
import java.util.Map;

/**
 * What {@code loupe bench} measured. Rates are images per second; NaN where a figure was not measured.
 *
 * @param decodeOnly   images/s of the pipeline with a network that does nothing: the decoding ceiling
 * @param headTraining seconds to train the default head on random features, as {@code headSetup} describes
 */
public record BenchReport(int cores, List<Extraction> extraction, double decodeOnly, List<Latency> classify,
                          double headTraining, String headSetup, double peakRssMb, double peakHeapMb) {

    /**
     * One backbone on one runtime.
     *
     * @param openSeconds      time to get a ready extractor (DL4J: load weights; ONNX: read the cached export and
     *                         start a session)
     * @param exportSeconds    ONNX only: the first-run cost of loading with DL4J and exporting (NaN for DL4J)
     * @param inference        images/s by batch size, on prepared tensors
     * @param endToEnd         images/s from JPEG files through the pipeline, with {@code endToEndImages} photos
     * @param endToEndOneThread ONNX only: the same with one inference thread, the decoders keeping the other cores
     */
    public record Extraction(String backbone, String runtime, double openSeconds, double exportSeconds,
                             Map<Integer, Double> inference, double endToEnd, int endToEndImages,
                             double endToEndOneThread) {
    }

    /** Warm latency of classifying one photo (decode, prepare, backbone, head), in milliseconds. */
    public record Latency(String backbone, String runtime, double p50, double p95, int runs) {
    }
}
