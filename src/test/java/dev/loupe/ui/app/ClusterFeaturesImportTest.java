package dev.loupe.ui.app;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.features.cluster.FeatureColumns;
import dev.loupe.engine.features.cluster.ImportResult;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** File > Import Cluster Features' job fills the open dataset's catalogue and says what it did. */
class ClusterFeaturesImportTest {

    @TempDir
    Path dir;

    @Test
    void importsAClustersFeaturesFolderAsAJobAndSaysWhatItDid() throws Exception {
        Path dataset = TestImages.dataset(dir.resolve("data"), 1, Color.RED);
        String hash = Hashes.sha256(dataset.resolve("red/img0.png"));
        var backbone = BackboneRegistry.standard().require("mobilenet-v2-0.35");
        Path table = Files.createDirectories(dir.resolve("features"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 'hdfs://nn/p/red/img0.png' AS " + FeatureColumns.PATH + ", '" + hash + "' AS "
                    + FeatureColumns.CONTENT_HASH + ", '" + backbone.id() + "' AS " + FeatureColumns.BACKBONE + ", "
                    + backbone.input().preprocessingVersion() + " AS " + FeatureColumns.PREPROCESSING
                    + ", list_transform(range(" + backbone.featureDim() + "), x -> 0.5)::FLOAT[] AS "
                    + FeatureColumns.FEATURES + ", NULL::VARCHAR AS " + FeatureColumns.ERROR + ", 1 AS "
                    + FeatureColumns.VERSION + ") TO '" + table.resolve("part-00000.parquet") + "' (FORMAT parquet)");
        }

        JobHandle<ImportResult> handle = JobExecutor.inline().submit(ClusterFeaturesImport.JOB_NAME,
                ClusterFeaturesImport.job(dataset, table));

        assertThat(handle.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(handle.name()).isEqualTo("Import cluster features");
        assertThat(handle.snapshot().status()).isEqualTo("1 features imported (1 rows; 0 of other photos, "
                + "0 unreadable on the cluster, 0 refused)");
        try (Catalogue catalogue = Catalogue.open(dataset)) {
            assertThat(catalogue.features().get(backbone.id(), backbone.input().preprocessingVersion(),
                    List.of(hash)).get(hash)).hasSize(backbone.featureDim()).containsOnly(0.5f);
        }
    }
}
