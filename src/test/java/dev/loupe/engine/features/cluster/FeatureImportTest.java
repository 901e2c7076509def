package dev.loupe.engine.features.cluster;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Importing a cluster's features table: only rows that fit this dataset and this Loupe reach the catalogue. */
class FeatureImportTest {

    private static final BackboneRegistry REGISTRY = BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR));
    private static final String OTHER = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void storesTheRowsOfThisDatasetsImagesAndSaysWhyTheOthersWereNot() throws Exception {
        Path root = TestImages.dataset(dir.resolve("data"), 2, Color.RED, Color.BLUE);
        String red0 = Hashes.sha256(root.resolve("red/img0.png"));
        String blue1 = Hashes.sha256(root.resolve("blue/img1.png"));
        Path table = table("features.parquet",
                row("s3a://b/red/img0.png", red0, "fake", 1, "[0.25, 0.5, 0.75]", null, 1),
                row("s3a://b/elsewhere.jpg", OTHER, "fake", 1, "[1, 2, 3]", null, 1),
                row("s3a://b/x.jpg", null, "fake", 1, null, "'truncated or corrupt JPEG data'", 1),
                row("s3a://b/blue/img1.png", blue1, "fake", 2, "[1, 2, 3]", null, 1),
                row("s3a://b/blue/img1.png", blue1, "fake", 1, "[1, 2]", null, 1),
                row("s3a://b/blue/img1.png", blue1, "resnet-9000", 1, "[1, 2, 3]", null, 1));

        ImportResult result;
        try (Catalogue catalogue = Catalogue.open(root)) {
            result = new FeatureImport(REGISTRY).run(scan(root), catalogue, table, JobMonitor.silent());
            assertThat(catalogue.features().get("fake", 1, List.of(red0, blue1)))
                    .containsOnlyKeys(red0).hasEntrySatisfying(red0, v -> assertThat(v).containsExactly(0.25f, 0.5f, 0.75f));
        }
        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.notInDataset()).isEqualTo(1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.refused()).isEqualTo(3);
        assertThat(result.reasons()).containsOnlyKeys(
                "fake features prepared with preprocessing version 2, this Loupe uses 1: run loupe-spark features "
                        + "again with this version",
                "fake vectors of 2 values, not 3",
                "backbone resnet-9000 is not known to this Loupe (see loupe backbones)");
        assertThat(result.stillMissing()).isEqualTo(Map.of("fake", 3));
    }

    @Test
    void refusesATableFromANewerLoupe() throws Exception {
        Path root = TestImages.dataset(dir.resolve("data"), 1, Color.RED);
        Path table = table("newer.parquet", row("a.jpg", OTHER, "fake", 1, "[1, 2, 3]", null, 2));
        try (Catalogue catalogue = Catalogue.open(root)) {
            assertThatThrownBy(() -> new FeatureImport(REGISTRY).run(scan(root), catalogue, table,
                    JobMonitor.silent())).isInstanceOf(IOException.class)
                    .hasMessageContaining("was written by a newer Loupe (features format 2");
        }
    }

    @Test
    void saysInOneSentenceWhenTheFileIsNoFeaturesTable() throws Exception {
        Path other = dir.resolve("other.parquet");
        duckdb("COPY (SELECT 1 AS answer) TO '" + other + "' (FORMAT parquet)");
        assertThatThrownBy(() -> ParquetFeatures.read(other, r -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(other + " is not a features table Loupe can read (")
                .hasMessageEndingWith("): give the folder loupe-spark features wrote");
        assertThatThrownBy(() -> ParquetFeatures.count(dir.resolve("missing")))
                .hasMessageContaining("does not exist");
    }

    private static DatasetSnapshot scan(Path root) throws IOException {
        return new DatasetScanner().scan(root);
    }

    private static String row(String path, String hash, String backbone, int prep, String features, String error,
                              int version) {
        return "('" + path + "', " + (hash == null ? "NULL" : "'" + hash + "'") + ", '" + backbone + "', " + prep
                + ", " + (features == null ? "NULL" : features + "::FLOAT[]") + ", " + (error == null ? "NULL" : error)
                + ", " + version + ")";
    }

    /** A table as the cluster writes it, written here with DuckDB. */
    private Path table(String name, String... rows) throws Exception {
        Path file = dir.resolve(name);
        duckdb("COPY (SELECT * FROM (VALUES " + String.join(", ", rows) + ") AS t(" + String.join(", ",
                FeatureColumns.PATH, FeatureColumns.CONTENT_HASH, FeatureColumns.BACKBONE,
                FeatureColumns.PREPROCESSING, FeatureColumns.FEATURES, FeatureColumns.ERROR, FeatureColumns.VERSION)
                + ")) TO '" + file + "' (FORMAT parquet)");
        return file;
    }

    private static void duckdb(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
