package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.Device;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.onnx.ExportedBackbones;
import dev.loupe.engine.util.AppDirs;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The Spark application's main class, for spark-submit (docs/scaling.md has the commands):
 * <pre>
 * spark-submit --class dev.loupe.spark.LoupeSpark loupe-spark.jar features INPUT -o OUTPUT [--backbone ID]
 * spark-submit --class dev.loupe.spark.LoupeSpark loupe-spark.jar classify MODEL INPUT -o OUTPUT [--top K] [--csv]
 * </pre>
 */
@Command(name = "loupe-spark", mixinStandardHelpOptions = true,
        subcommands = {LoupeSpark.Features.class, LoupeSpark.Classify.class, LoupeSpark.Bench.class},
        description = "Loupe's feature extraction and classification on an Apache Spark cluster.")
public final class LoupeSpark {

    public static void main(String[] args) {
        int code = new CommandLine(new LoupeSpark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Options both jobs take. */
    static final class Common {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
                description = "Folder to write (any Hadoop path); it must not exist yet.")
        String output;

        @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
                description = "cpu or cuda (ONNX Runtime's GPU build, -Pcuda; falls back to the CPU, saying why).")
        String device;

        @Option(names = "--partitions", paramLabel = "N",
                description = "Tasks to split the files into (default: Spark's split, at least one per core).")
        Integer partitions;

        JobRequest request(String input) {
            return new JobRequest(input, output, Device.parse(device), partitions);
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Write the backbone's features of every file under INPUT as Parquet.")
    static final class Features implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Mixin Common common;

        @Parameters(index = "0", paramLabel = "INPUT", description = "Photos: a folder, file or glob (any Hadoop path).")
        String input;

        @Option(names = "--backbone", defaultValue = BackboneRegistry.DEFAULT_ID, paramLabel = "ID",
                description = "Pretrained network (default: ${DEFAULT-VALUE}).")
        String backbone;

        @Override
        public Integer call() throws Exception {
            BackboneDescriptor d = BackboneRegistry.standard().require(backbone);
            byte[] onnx = new ExportedBackbones(AppDirs.userCache().resolve("onnx")).load(d);
            SparkSession spark = SparkSession.builder().appName("Loupe features").getOrCreate();
            JobSummary summary = FeaturesJob.run(spark, common.request(input), d, onnx);
            spec.commandLine().getOut().println("Features of " + summary + ", written to " + common.output);
            return 0;
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = "Write the top labels of every file under INPUT with a .loupe model.")
    static final class Classify implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Mixin Common common;

        @Parameters(index = "0", paramLabel = "MODEL",
                description = "A .loupe model on the driver's disk, or the name of one sent with --files.")
        String model;

        @Parameters(index = "1", paramLabel = "INPUT", description = "Photos: a folder, file or glob (any Hadoop path).")
        String input;

        @Option(names = "--top", defaultValue = "3", paramLabel = "K", description = "Labels per image (default: 3).")
        int top;

        @Option(names = "--csv", description = "Write CSV (one label and probability column per rank) "
                + "instead of Parquet.")
        boolean csv;

        @Override
        public Integer call() throws Exception {
            SparkSession spark = SparkSession.builder().appName("Loupe classify").getOrCreate();
            Path file = modelFile(model);
            ModelBundle bundle = ModelFiles.load(file);
            ClassifierGraph graph = ClassifierGraph.of(bundle, BackboneRegistry.standard());
            JobSummary summary = ClassifyJob.run(spark, common.request(input), file.getFileName().toString(),
                    bundle.labels(), graph, top, csv ? ClassifyJob.Format.csv : ClassifyJob.Format.parquet);
            spec.commandLine().getOut().println("Classified " + summary + ", written to " + common.output);
            return 0;
        }

        /** The model on the driver's disk, else the copy spark-submit's --files put in the job's folder. */
        private static Path modelFile(String model) {
            Path local = Path.of(model);
            if (Files.isRegularFile(local)) {
                return local;
            }
            return Path.of(SparkFiles.get(local.getFileName().toString()));
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Images per second of the features job in local[N] against the desktop's extraction on "
                    + "the same photos and cores (docs/scaling.md). Runs in its own local Spark sessions.")
    static final class Bench implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET", description = "A class-per-folder dataset on a local disk.")
        Path dataset;

        @Option(names = "--backbone", defaultValue = BackboneRegistry.DEFAULT_ID, paramLabel = "ID")
        String backbone;

        @Option(names = "--cores", defaultValue = "1,2", split = ",", paramLabel = "N,N")
        int[] cores;

        @Option(names = "--runs", defaultValue = "3", paramLabel = "R", description = "Timed runs after a warm-up.")
        int runs;

        @Option(names = "--large", defaultValue = "0", paramLabel = "N",
                description = "Bench N 12-megapixel photos made from DATASET's instead of DATASET's own.")
        int large;

        @Override
        public Integer call() throws Exception {
            BackboneDescriptor d = BackboneRegistry.standard().require(backbone);
            byte[] onnx = new ExportedBackbones(AppDirs.userCache().resolve("onnx")).load(d);
            Path work = Files.createTempDirectory("loupe-spark-bench");
            Path photos = dataset;
            var out = spec.commandLine().getOut();
            if (large > 0) {
                var sources = new dev.loupe.engine.dataset.DatasetScanner().scan(dataset).images().stream()
                        .map(dev.loupe.engine.dataset.ImageEntry::file).toList();
                photos = work.resolve("large");
                dev.loupe.engine.bench.LargePhotos.write(sources, large, photos);
                out.println(large + " photos of 4000 x 3000 written to " + photos);
            }
            for (SparkBench.Figure f : SparkBench.run(photos, d, onnx, cores, runs, work.resolve("runs"))) {
                out.println(f);
            }
            out.println("Work folder (delete it when done): " + work);
            return 0;
        }
    }
}
