package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs the benchmark's parts in order ({@link BenchPart}), skipping those asked. A part that fails is reported as
 * failed and the others still run: a long run is not lost to one problem.
 *
 * @param photos       JPEG files for end-to-end runs and the retrain's dataset (the bundled flowers)
 * @param budgetMillis time per ONNX Runtime inference measurement
 * @param dl4jImages   photos for DL4J's end-to-end run (and the cap on its inference runs)
 * @param cacheDir     where ONNX exports go; the bench exports afresh to time it
 * @param scale        also the heavy sizes (the map of 70,000 Fashion-MNIST images): minutes more
 */
public record Benchmark(List<String> backbones, List<Path> photos, long budgetMillis, int dl4jImages,
                        Path cacheDir, Set<BenchPart> skip, boolean scale) {

    private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);

    public BenchReport run(BackboneRegistry registry, Consumer<String> progress) throws BackboneException {
        int cores = Runtime.getRuntime().availableProcessors();
        BackboneDescriptor first = registry.require(backbones.get(0));
        ExtractionBench extraction = new ExtractionBench(photos, budgetMillis, dl4jImages, cacheDir);
        Map<String, String> failures = new LinkedHashMap<>();
        List<BenchReport.MemoryMark> memory = new ArrayList<>();

        List<BenchReport.Extraction> rows = new ArrayList<>();
        Double decodeOnly = part(BenchPart.extraction, failures, memory, () -> {
            for (String id : backbones) {
                BackboneDescriptor d = registry.require(id);
                progress.accept(id + " on ONNX Runtime");
                rows.add(extraction.onnx(d));
                progress.accept(id + " on DL4J");
                rows.add(extraction.dl4j(d));
            }
            // Last, when the decoding path is compiled: first in a fresh JVM it measured the JIT's warm-up instead.
            progress.accept("decoding only");
            return extraction.decodeOnly(first);
        });

        List<BenchReport.Latency> latency = new ArrayList<>();
        HeadBench head = part(BenchPart.head, failures, memory, () -> {
            progress.accept("head training");
            HeadBench h = HeadBench.run(first.featureDim());
            progress.accept("classification latency");
            // 200 timed runs (about a second): with 30, p95 was the second-slowest run, and one stall decided it.
            latency.add(h.latency(first, "onnx", ExtractorFactory.onnx(cacheDir), photos.get(0), 20, 200));
            latency.add(h.latency(first, "dl4j", ExtractorFactory.dl4j(), photos.get(0), 2, 5));
            return h;
        });

        List<BenchReport.HeatMapLatency> heatMaps = part(BenchPart.explain, failures, memory, () -> {
            List<BenchReport.HeatMapLatency> out = new ArrayList<>();
            for (String id : backbones) {
                progress.accept("heat map latency (" + id + ")");
                out.add(ExplainBench.run(registry.require(id), ExtractorFactory.onnx(cacheDir), photos.get(0), 20,
                        200));
            }
            return out;
        });

        String retrainBackbone = backbones.contains(BackboneRegistry.DEFAULT_ID) ? BackboneRegistry.DEFAULT_ID
                : first.id();
        BenchReport.Retrain retrain = part(BenchPart.retrain, failures, memory, () -> {
            progress.accept("retraining " + RetrainBench.DEFAULT.photos() + " photos after adding "
                    + RetrainBench.DEFAULT.added() + " (" + retrainBackbone + ")");
            return RetrainBench.DEFAULT.run(registry, retrainBackbone, ExtractorFactory.onnx(cacheDir), photos);
        });
        List<BenchReport.MapTiming> maps = part(BenchPart.map, failures, memory, () -> {
            progress.accept("dataset maps (PCA + t-SNE)");
            return MapBench.of(scale).run();
        });
        List<BenchReport.NeighbourQuery> neighbours = part(BenchPart.neighbours, failures, memory, () -> {
            progress.accept("similar-image queries");
            List<BenchReport.NeighbourQuery> found = new java.util.ArrayList<>(NeighbourBench.DEFAULT.run());
            if (scale) {
                found.addAll(NeighbourScaleBench.DEFAULT.run(progress));
            }
            return found;
        });
        BenchReport.PhonePhotos phone = part(BenchPart.phone, failures, memory, () -> {
            BackboneDescriptor d = registry.require(retrainBackbone);
            progress.accept(PhonePhotoBench.DEFAULT.count() + " phone photos of 12 megapixels (" + d.id() + ")");
            return PhonePhotoBench.DEFAULT.run(d, ExtractorFactory.onnx(cacheDir), photos);
        });
        BenchReport.StudioStart studio = part(BenchPart.studio, failures, memory, () -> {
            progress.accept("studio start");
            return StudioStartup.measure();
        });

        return new BenchReport(cores, rows, decodeOnly == null ? Double.NaN : decodeOnly, latency,
                heatMaps == null ? List.of() : heatMaps,
                head == null ? Double.NaN : head.seconds(), head == null ? null : head.setup(), retrain,
                maps == null ? List.of() : maps, neighbours == null ? List.of() : neighbours, studio, phone,
                Timing.peakRssMb(), Timing.peakHeapMb(), memory, failures);
    }

    /** Runs one part unless skipped: its result, or null if skipped or failed (then recorded in {@code failures}). */
    private <T> T part(BenchPart part, Map<String, String> failures, List<BenchReport.MemoryMark> memory,
                       Callable<T> body) {
        if (skip.contains(part)) {
            return null;
        }
        try {
            return body.call();
        } catch (Exception e) {
            LOG.warn("Bench part {} failed", part, e);
            failures.put(part.name(), e.getMessage() != null ? e.getMessage() : e.toString());
            return null;
        } finally {
            memory.add(new BenchReport.MemoryMark(part.name(), Timing.peakRssMb(), Timing.peakHeapMb()));
        }
    }
}
