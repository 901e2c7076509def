package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.bench.Timing;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.Device;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.engine.features.OrtFeatureExtractor;
import dev.loupe.engine.jobs.JobMonitor;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Spark against the desktop on the same photos and the same cores: the desktop's {@code loupe features} path
 * (hash, decode, run, store in a fresh catalogue) with N workers, and the features job in {@code local[N]} (list,
 * read, hash, decode, run, write Parquet), each run a few times with the network already open, the median kept.
 * Figures for docs/scaling.md; the photos must be a class-per-folder dataset on a local disk.
 */
final class SparkBench {

    /**
     * One measured configuration: the median of its runs' wall time and, separately, of their CPU time (the whole
     * JVM's, every thread, the collector and the JIT too), which a loaded machine disturbs much less.
     */
    record Figure(String engine, int cores, int images, double seconds, double cpuSeconds) {
        double imagesPerSecond() {
            return images / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-8s %d core%s  %4d images  %6.2f s  %7.1f images/s  %6.2f CPU-s"
                            + "  %5.1f CPU-ms/image", engine, cores, cores == 1 ? " " : "s", images, seconds,
                    imagesPerSecond(), cpuSeconds, cpuSeconds * 1000 / images);
        }
    }

    private SparkBench() {
    }

    /**
     * @param source a class-per-folder dataset; its photos are copied into {@code work} first, so that the runs'
     *               catalogues (deleted between runs) are never the user's
     */
    static List<Figure> run(Path source, BackboneDescriptor backbone, byte[] onnx, int[] cores, int runs, Path work)
            throws Exception {
        Path photos = copy(source, work.resolve("photos"));
        List<Figure> figures = new ArrayList<>();
        for (int n : cores) {
            figures.add(desktop(photos, backbone, onnx, n, runs, work));
            figures.add(spark(photos, backbone, onnx, n, runs, work));
        }
        return figures;
    }

    private static Figure desktop(Path photos, BackboneDescriptor backbone, byte[] onnx, int cores, int runs,
                                  Path work) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        int images = 0;
        try (OrtFeatureExtractor extractor = OrtFeatureExtractor.open(backbone, onnx, cores, Device.CPU)) {
            for (int run = 0; run <= runs; run++) {
                deleteCatalogue(photos);
                DatasetSnapshot snapshot = new DatasetScanner().scan(photos);
                long start = System.nanoTime();
                double cpuStart = Timing.processCpuSeconds();
                FeatureSet set;
                try (Catalogue catalogue = Catalogue.open(photos)) {
                    // Kept: the service closes what it opens, and the extractor must stay open across runs.
                    set = new FeatureService(new KeptExtractors(d -> extractor)).features(snapshot, catalogue,
                            backbone, JobMonitor.silent());
                }
                if (run > 0) { // run 0 warms the JIT, as the Spark side's first run opens its sessions
                    seconds.add((System.nanoTime() - start) / 1e9);
                    cpu.add(Timing.processCpuSeconds() - cpuStart);
                }
                images = set.extracted() + set.problems().size();
            }
        }
        deleteCatalogue(photos);
        return new Figure("desktop", cores, images, median(seconds), median(cpu));
    }

    private static Figure spark(Path photos, BackboneDescriptor backbone, byte[] onnx, int cores, int runs,
                                Path work) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("Loupe bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        List<Double> seconds = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        long images = 0;
        try {
            for (int run = 0; run <= runs; run++) {
                double cpuStart = Timing.processCpuSeconds();
                Path out = work.resolve("spark-" + cores + "-" + run);
                JobSummary summary = FeaturesJob.run(spark, new JobRequest(photos.toString(), out.toString(),
                        Device.CPU, null), backbone, onnx);
                if (run > 0) {
                    seconds.add(summary.nanos() / 1e9);
                    cpu.add(Timing.processCpuSeconds() - cpuStart);
                }
                images = summary.images();
            }
        } finally {
            spark.stop();
        }
        return new Figure("spark", cores, (int) images, median(seconds), median(cpu));
    }

    private static Path copy(Path source, Path target) throws IOException {
        DatasetSnapshot snapshot = new DatasetScanner().scan(source);
        for (var image : snapshot.images()) {
            Path to = target.resolve(image.relativePath());
            Files.createDirectories(to.getParent());
            Files.copy(image.file(), to);
        }
        return target;
    }

    private static void deleteCatalogue(Path photos) throws IOException {
        Path loupe = photos.resolve(".loupe");
        if (!Files.exists(loupe)) {
            return;
        }
        try (Stream<Path> files = Files.walk(loupe)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
