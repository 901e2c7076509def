package dev.loupe.ui.app;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.cluster.FeatureImport;
import dev.loupe.engine.features.cluster.ImportResult;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;

import java.nio.file.Path;

/**
 * File > Import Cluster Features: the Parquet folder a Spark cluster wrote ({@code loupe-spark features}) into the
 * open dataset's catalogue, as a job on the studio's queue (progress and cancel in the status bar), so the next
 * retrain, map or audit uses those features instead of extracting (docs/scaling.md). The same engine call as
 * {@code loupe features import}.
 */
final class ClusterFeaturesImport {

    static final String JOB_NAME = "Import cluster features";

    private ClusterFeaturesImport() {
    }

    static JobHandle<ImportResult> submit(JobExecutor jobs, Path dataset, Path table) {
        return jobs.submit(JOB_NAME, monitor -> {
            DatasetSnapshot snapshot = new DatasetScanner().scan(dataset);
            try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                ImportResult result = new FeatureImport(BackboneRegistry.standard())
                        .run(snapshot, catalogue, table, monitor);
                monitor.status(result.lines().get(0));
                return result;
            }
        });
    }
}
