package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.bench.BenchPart;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code loupe bench}: how fast this machine extracts, classifies, trains, lays out maps and starts, per runtime. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = LabellingBenchCommand.class,
        description = "Measure extraction speed per backbone on ONNX Runtime and DL4J, classification latency, "
                + "head training, retraining after adding photos, dataset maps (t-SNE), similar-image queries, "
                + "the studio's start and memory.")
final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--backbone", paramLabel = "ID",
            description = "Backbones to measure (default: all bundled). The first is used for decoding, head "
                    + "training and classification; the retrain uses the default backbone if listed, else the first.")
    List<String> backbones;

    @Option(names = "--photos", paramLabel = "FOLDER",
            description = "JPEG photos in class folders for the end-to-end runs and the retrain's dataset "
                    + "(default: the bundled sample flowers).")
    Path photos;

    @Option(names = "--seconds", defaultValue = "1.5", paramLabel = "S",
            description = "Time per ONNX Runtime inference measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--dl4j-images", defaultValue = "8", paramLabel = "N",
            description = "Photos for DL4J's runs, which are slow (default: ${DEFAULT-VALUE}).")
    int dl4jImages;

    @Option(names = "--skip", split = ",", paramLabel = "PART",
            description = "Parts to leave out, to shorten a run: ${COMPLETION-CANDIDATES}.")
    Set<BenchPart> skip;

    @Option(names = "--scale",
            description = "Also the heavy sizes (minutes each): the map of 70,000 Fashion-MNIST images, the HNSW "
                    + "neighbour index at 100,000 and 1,000,000 vectors (the latter needs LOUPE_JAVA_OPTS=-Xmx11g), "
                    + "and the phone part (12-megapixel JPEGs end to end and decoded, beside djpeg -scale 1/8 on the "
                    + "same files).")
    boolean scale;

    @Override
    public Integer call() throws Exception {
        OptionValues.atLeast(spec, "--seconds", seconds, 0.1);
        OptionValues.atLeast(spec, "--dl4j-images", dl4jImages, 1);
        List<String> ids = backbones != null ? backbones
                : BackboneRegistry.bundled().all().stream().map(BackboneDescriptor::id).toList();
        List<Path> files = ImageInputs.expand(List.of(photos != null ? photos : AppDirs.sampleDataset()));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No photos to benchmark with in " + photos);
        }
        Set<BenchPart> skipped = skip == null ? EnumSet.noneOf(BenchPart.class) : EnumSet.copyOf(skip);
        for (BenchPart part : BenchPart.values()) {
            if (part.atScale() && !scale) {
                skipped.add(part);
            }
        }
        Benchmark bench = new Benchmark(ids, files, Math.round(seconds * 1000), dl4jImages,
                AppDirs.userCache().resolve("onnx"), skipped, scale);
        BenchReport r = bench.run(Engine.backbones(), stage -> {
            if (!common.quiet && !common.json) {
                System.err.println("Measuring " + stage + "...");
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, r);
        } else {
            BenchPrinter.print(out, r);
        }
        return r.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
