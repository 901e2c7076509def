package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.ImagePreparer;
import dev.loupe.engine.features.OrtFeatureExtractor;
import dev.loupe.engine.onnx.ExportedBackbones;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the benchmark. DL4J figures use few images (it runs at about 10 images/s) so the whole run takes minutes;
 * ONNX Runtime figures use a time budget per measurement.
 *
 * @param photos       JPEG files for end-to-end runs (the bundled flowers)
 * @param budgetMillis time per ONNX Runtime inference measurement
 * @param dl4jImages   photos for DL4J's end-to-end run (and the cap on its inference runs)
 * @param cacheDir     where ONNX exports go; the bench exports afresh to time it
 */
public record Benchmark(List<String> backbones, List<Path> photos, long budgetMillis, int dl4jImages,
                        Path cacheDir) {

    private static final int[] ORT_BATCHES = {1, 8, 32};
    /** DL4J at batch 32 is slower than at 8 and takes gigabytes (docs/benchmarks.md): not worth the minutes. */
    private static final int[] DL4J_BATCHES = {1, 8};

    public BenchReport run(BackboneRegistry registry, Consumer<String> progress) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        BackboneDescriptor first = registry.require(backbones.get(0));
        progress.accept("decoding only");
        // Once to warm up: cold, ImageIO and the resizer run several times slower than they do later.
        Timing.endToEndRate(new NullExtractor(first), photos);
        double decodeOnly = Timing.endToEndRate(new NullExtractor(first), photos);
        List<BenchReport.Extraction> rows = new ArrayList<>();
        for (String id : backbones) {
            BackboneDescriptor d = registry.require(id);
            progress.accept(id + " on ONNX Runtime");
            rows.add(onnx(d));
            progress.accept(id + " on DL4J");
            rows.add(dl4j(d));
        }
        progress.accept("head training");
        HeadBench head = HeadBench.run(first.featureDim());
        progress.accept("classification latency");
        List<BenchReport.Latency> latency = List.of(
                head.latency(first, "onnx", ExtractorFactory.onnx(cacheDir), photos.get(0), 5, 30),
                head.latency(first, "dl4j", ExtractorFactory.dl4j(), photos.get(0), 2, 5));
        return new BenchReport(cores, rows, decodeOnly, latency, head.seconds(), head.setup(), Timing.peakRssMb(),
                Timing.peakHeapMb());
    }

    private BenchReport.Extraction onnx(BackboneDescriptor d) throws Exception {
        ExportedBackbones exports = new ExportedBackbones(cacheDir);
        long t0 = System.nanoTime();
        exports.export(d);
        double export = seconds(t0);
        long t1 = System.nanoTime();
        Map<Integer, Double> inference = new LinkedHashMap<>();
        double endToEnd;
        double open;
        try (FeatureExtractor ort = OrtFeatureExtractor.open(d, exports.load(d))) {
            open = seconds(t1);
            float[] image = ImagePreparer.prepare(photos.get(0), ort.inputSpec());
            for (int b : ORT_BATCHES) {
                inference.put(b, Timing.inferenceRate(ort, image, b, budgetMillis, Integer.MAX_VALUE));
            }
            endToEnd = Timing.endToEndRate(ort, photos);
        }
        double oneThread;
        try (FeatureExtractor ort1 = OrtFeatureExtractor.open(d, exports.load(d), 1)) {
            oneThread = Timing.endToEndRate(ort1, photos);
        }
        return new BenchReport.Extraction(d.id(), "onnx", open, export, inference, endToEnd, photos.size(),
                oneThread);
    }

    private BenchReport.Extraction dl4j(BackboneDescriptor d) throws Exception {
        long t0 = System.nanoTime();
        Map<Integer, Double> inference = new LinkedHashMap<>();
        List<Path> few = photos.subList(0, Math.min(dl4jImages, photos.size()));
        try (FeatureExtractor dl4j = ExtractorFactory.dl4j().open(d)) {
            double open = seconds(t0);
            float[] image = ImagePreparer.prepare(photos.get(0), dl4j.inputSpec());
            for (int b : DL4J_BATCHES) {
                inference.put(b, Timing.inferenceRate(dl4j, image, b, 0, Math.max(b, dl4jImages / 2)));
            }
            double endToEnd = Timing.endToEndRate(dl4j, few);
            return new BenchReport.Extraction(d.id(), "dl4j", open, Double.NaN, inference, endToEnd, few.size(),
                    Double.NaN);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
