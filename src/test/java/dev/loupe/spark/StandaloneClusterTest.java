package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.features.cluster.ClusterFeature;
import dev.loupe.engine.features.cluster.FeatureImport;
import dev.loupe.engine.features.cluster.ImportResult;
import dev.loupe.engine.features.cluster.ParquetFeatures;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * The whole way on a real engine: a Spark standalone master and worker as JVMs of their own on 127.0.0.1, the
 * features job submitted to {@code spark://127.0.0.1:PORT} with an application jar as a user submits it, its
 * Parquet checked against the desktop engine's features of the same photos, then imported into the dataset so that
 * the desktop extracts nothing before training.
 */
class StandaloneClusterTest {

    private static final String BACKBONE = "mobilenet-v2-0.35";

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void aSubmittedJobWritesTheDesktopsFeaturesAndTheDesktopImportsThem() throws Exception {
        Path photos = SparkPhotos.write(dir.resolve("photos"), 4);
        Path out = dir.resolve("features");
        Path jar = StandaloneCluster.applicationJar(dir.resolve("loupe-app.jar"));
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, 2, 90)) {
            int code = cluster.submit(List.of("--master", cluster.masterUrl(), "--deploy-mode", "client",
                    "--class", LoupeSpark.class.getName(), "--driver-memory", "1g",
                    "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
                    "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.executor.extraJavaOptions=" + StandaloneCluster.jdkOptions(),
                    jar.toString(), "features", photos.toUri().toString(), "-o", out.toString(),
                    "--backbone", BACKBONE, "--partitions", "2"), 150);
            assertThat(code).as(cluster.log("submit")).isZero();
            assertThat(cluster.log("submit")).contains("Features of 10 images (2 unreadable)");
            assertThat(cluster.log("worker")).contains("Asked to launch executor");
        }

        List<ClusterFeature> rows = new ArrayList<>();
        ParquetFeatures.read(out, rows::add);
        assertThat(rows).hasSize(10);
        BackboneDescriptor backbone = BackboneRegistry.standard().require(BACKBONE);
        try (FeatureExtractor desktop = ExtractorFactory.standard().open(backbone)) {
            for (ClusterFeature row : rows) {
                Path file = Path.of(java.net.URI.create(row.path()));
                assertThat(row.hash()).isEqualTo(Hashes.sha256(file));
                if (file.endsWith(SparkPhotos.CORRUPT)) {
                    assertThat(row.error()).isEqualTo("truncated or corrupt JPEG data");
                } else if (file.endsWith(SparkPhotos.TEXT)) {
                    assertThat(row.error()).isEqualTo("not an image (the file holds text)");
                } else {
                    float[] expected = desktop.extract(ImagePreparer.prepare(file, desktop.inputSpec()), 1)[0];
                    assertThat(row.features()).containsExactly(expected, offset(1e-5f));
                }
            }
        }

        try (Catalogue catalogue = Catalogue.open(photos)) {
            var snapshot = new DatasetScanner().scan(photos);
            ImportResult imported = new FeatureImport(BackboneRegistry.standard())
                    .run(snapshot, catalogue, out, JobMonitor.silent());
            assertThat(imported.imported()).isEqualTo(8);
            assertThat(imported.failed()).isEqualTo(2);
            // The cut JPEG and the text file: the desktop tries them again, and fails the same way.
            assertThat(imported.stillMissing()).containsEntry(BACKBONE, 2);
            FeatureSet set = new FeatureService(ExtractorFactory.standard())
                    .features(snapshot, catalogue, backbone, JobMonitor.silent());
            assertThat(set.extracted()).isZero();
            assertThat(set.cached()).isEqualTo(8);
            assertThat(set.problems()).hasSize(2);
        }
        try (Stream<Path> parts = Files.list(out)) {
            assertThat(parts.map(p -> p.getFileName().toString())).contains("_SUCCESS");
        }
    }
}
