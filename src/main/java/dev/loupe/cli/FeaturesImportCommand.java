package dev.loupe.cli;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.cluster.FeatureImport;
import dev.loupe.engine.features.cluster.ImportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code loupe features import DATASET FEATURES}: features computed on a cluster into the dataset's catalogue. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load features computed on a Spark cluster (loupe-spark features) into a dataset's catalogue, "
                + "matched by content hash, backbone and preprocessing version, so training uses them without "
                + "extracting again.")
final class FeaturesImportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Parameters(index = "1", paramLabel = "FEATURES",
            description = "The Parquet folder loupe-spark features wrote, or one .parquet file of it.")
    Path table;

    @Override
    public Integer call() throws Exception {
        ImportResult result;
        try (DatasetLock lock = DatasetLock.acquire(dataset, "loupe features import")) {
            result = Jobs.run(common, System.err, m -> {
                DatasetSnapshot snapshot = new DatasetScanner().scan(dataset);
                try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                    return new FeatureImport(Engine.backbones()).run(snapshot, catalogue, table, m);
                }
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, Map.of("rows", result.rows(), "imported", result.imported(),
                    "notInDataset", result.notInDataset(), "failedOnCluster", result.failed(),
                    "refused", result.refused(), "reasons", result.reasons(), "stillMissing", result.stillMissing()));
            return ExitCodes.OK;
        }
        result.lines().forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
