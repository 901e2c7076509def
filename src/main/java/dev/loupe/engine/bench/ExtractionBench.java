package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.features.OrtFeatureExtractor;
import dev.loupe.engine.onnx.ExportedBackbones;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature extraction of one backbone on each runtime. DL4J figures use few images (it runs at about 10 images/s) so
 * the whole run takes minutes; ONNX Runtime figures use a time budget per measurement.
 */
record ExtractionBench(List<Path> photos, long budgetMillis, int dl4jImages, Path cacheDir) {

    private static final int[] ORT_BATCHES = {1, 8, 32};
    private static final int[] ORT_ONE_THREAD_BATCHES = {1, 8};
    /** Time for each steady end-to-end figure, and for the warm-up before it. */
    private static final long STEADY_MILLIS = 3_000;
    /** DL4J at batch 32 is slower than at 8 and takes gigabytes (docs/benchmarks.md): not worth the minutes. */
    private static final int[] DL4J_BATCHES = {1, 8};

    /** Steady images/s of the pipeline with a network that does nothing. */
    double decodeOnly(BackboneDescriptor d) throws Exception {
        return Timing.steadyEndToEndRate(new NullExtractor(d), photos, STEADY_MILLIS)[0];
    }

    /**
     * ONNX Runtime as Loupe runs it (one caller per core), with one caller beside it: one thread for the network
     * alone, and for end to end the decoders on half the cores beside the network on one, the split Loupe used
     * before its workers each did both.
     */
    BenchReport.Extraction onnx(BackboneDescriptor d) throws Exception {
        ExportedBackbones exports = new ExportedBackbones(cacheDir);
        long t0 = System.nanoTime();
        exports.export(d);
        double export = Timing.seconds(t0);
        long t1 = System.nanoTime();
        Map<Integer, Double> inference = new LinkedHashMap<>();
        Map<Integer, Double> oneThread = new LinkedHashMap<>();
        double open;
        double[] steady;
        try (FeatureExtractor ort = OrtFeatureExtractor.open(d, exports.load(d))) {
            open = Timing.seconds(t1);
            float[] image = ImagePreparer.prepare(photos.get(0), ort.inputSpec());
            for (int b : ORT_BATCHES) {
                inference.put(b, Timing.inferenceRate(ort, image, b, budgetMillis, Integer.MAX_VALUE));
            }
            for (int b : ORT_ONE_THREAD_BATCHES) {
                oneThread.put(b, Timing.inferenceRate(ort, image, b, budgetMillis, Integer.MAX_VALUE, 1));
            }
            steady = Timing.steadyEndToEndRate(ort, photos, STEADY_MILLIS);
        }
        double oneCaller;
        try (FeatureExtractor ort1 = OrtFeatureExtractor.open(d, exports.load(d), 1)) {
            oneCaller = Timing.steadyEndToEndRate(ort1, photos, STEADY_MILLIS)[0];
        }
        return new BenchReport.Extraction(d.id(), "onnx", open, export, inference, oneThread, steady[0],
                (int) steady[1], oneCaller);
    }

    BenchReport.Extraction dl4j(BackboneDescriptor d) throws Exception {
        long t0 = System.nanoTime();
        Map<Integer, Double> inference = new LinkedHashMap<>();
        List<Path> few = photos.subList(0, Math.min(dl4jImages, photos.size()));
        try (FeatureExtractor dl4j = ExtractorFactory.dl4j().open(d)) {
            double open = Timing.seconds(t0);
            float[] image = ImagePreparer.prepare(photos.get(0), dl4j.inputSpec());
            for (int b : DL4J_BATCHES) {
                inference.put(b, Timing.inferenceRate(dl4j, image, b, 0, Math.max(b, dl4jImages / 2)));
            }
            double endToEnd = Timing.endToEndRate(dl4j, few);
            return new BenchReport.Extraction(d.id(), "dl4j", open, Double.NaN, inference, Map.of(), endToEnd,
                    few.size(), Double.NaN);
        }
    }
}
