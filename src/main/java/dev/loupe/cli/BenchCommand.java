package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.bench.BenchReport;
import dev.loupe.engine.bench.Benchmark;
import dev.loupe.engine.inference.ImageInputs;
import dev.loupe.engine.util.AppDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code loupe bench}: how fast this machine extracts features, classifies and trains, per runtime. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure extraction speed per backbone on ONNX Runtime and DL4J, classification latency, "
                + "head training time and memory.")
final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--backbone", paramLabel = "ID", description = "Backbones to measure (default: all bundled).")
    List<String> backbones;

    @Option(names = "--photos", paramLabel = "FOLDER",
            description = "JPEG photos for the end-to-end runs (default: the bundled sample flowers).")
    Path photos;

    @Option(names = "--seconds", defaultValue = "1.5", paramLabel = "S",
            description = "Time per ONNX Runtime inference measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--dl4j-images", defaultValue = "8", paramLabel = "N",
            description = "Photos for DL4J's runs, which are slow (default: ${DEFAULT-VALUE}).")
    int dl4jImages;

    @Override
    public Integer call() throws Exception {
        List<String> ids = backbones != null ? backbones
                : Engine.backbones().all().stream().map(BackboneDescriptor::id).toList();
        List<Path> files = ImageInputs.expand(List.of(photos != null ? photos : AppDirs.sampleDataset()));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No photos to benchmark with in " + photos);
        }
        Benchmark bench = new Benchmark(ids, files, Math.round(seconds * 1000), dl4jImages,
                AppDirs.userCache().resolve("onnx"));
        BenchReport r = bench.run(Engine.backbones(), stage -> {
            if (!common.quiet && !common.json) {
                System.err.println("Measuring " + stage + "...");
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, r);
        } else {
            print(out, r);
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, BenchReport r) {
        out.printf("%d cores. Decoding + resizing alone (pipeline, %d decode threads): %s images/s%n%n", r.cores(),
                r.cores(), f(r.decodeOnly()));
        out.println("Extraction, images/s      runtime  open s  export s  batch 1  batch 8  batch 32"
                + "  JPEG->features (photos)  same, 1 ORT thread");
        for (BenchReport.Extraction e : r.extraction()) {
            out.printf(Locale.ROOT, "%-25s %-7s  %6.2f  %8s  %7s  %7s  %8s  %14s (%4d)  %18s%n", e.backbone(),
                    e.runtime(), e.openSeconds(), f2(e.exportSeconds()), f(e.inference().get(1)),
                    f(e.inference().get(8)), f(e.inference().get(32)), f(e.endToEnd()), e.endToEndImages(),
                    f(e.endToEndOneThread()));
        }
        out.println();
        out.println("Classify one photo, warm   runtime  p50 ms  p95 ms  runs");
        for (BenchReport.Latency l : r.classify()) {
            out.printf(Locale.ROOT, "%-25s  %-7s %7.1f %7.1f %5d%n", l.backbone(), l.runtime(), l.p50(), l.p95(),
                    l.runs());
        }
        out.printf(Locale.ROOT, "%nHead training: %.1f s (%s)%n", r.headTraining(), r.headSetup());
        out.printf(Locale.ROOT, "Peak RSS: %.0f MB; peak heap (sum of pool peaks): %.0f MB%n", r.peakRssMb(),
                r.peakHeapMb());
        out.flush();
    }

    private static String f(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
