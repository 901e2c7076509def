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
        subcommands = {LoupeSpark.Features.class, LoupeSpark.Classify.class},
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
}
