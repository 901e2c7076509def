package dev.loupe.ui.app;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.cluster.FeatureImport;
import dev.loupe.engine.features.cluster.ImportResult;
import dev.loupe.engine.jobs.Job;

import java.nio.file.Path;

/**
 * File > Import Cluster Features: the Parquet folder a Spark cluster wrote ({@code loupe-spark features}) into the
 * open dataset's catalogue, as a job of the dataset's session (progress and cancel in the status bar), so the next
 * retrain, map or audit uses those features instead of extracting (docs/scaling.md). The same engine call as
 * {@code loupe features import}.
 */
final class ClusterFeaturesImport {

    static final String JOB_NAME = "Import cluster features";

    private ClusterFeaturesImport() {
    }

    static Job<ImportResult> job(Path dataset, Path table) {
        return monitor -> {
            DatasetSnapshot snapshot = new DatasetScanner().scan(dataset);
            try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                ImportResult result = new FeatureImport(BackboneRegistry.standard())
                        .run(snapshot, catalogue, table, monitor);
                monitor.status(result.lines().get(0));
                return result;
            }
        };
    }
}
