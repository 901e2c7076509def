package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.features.Device;
import dev.loupe.engine.features.cluster.FeatureColumns;
import dev.loupe.engine.onnx.ExportedBackbones;
import dev.loupe.engine.util.AppDirs;
import dev.loupe.engine.util.Hashes;
import dev.loupe.engine.util.OutputRefusedException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The features job in Spark's local mode against the desktop engine's features of the same photos. */
class FeaturesJobTest {

    private static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    @Test
    void writesTheDesktopsFeaturesByContentHashAndTheReasonForEveryBadFile() throws Exception {
        Path photos = SparkPhotos.write(dir.resolve("photos"), 4);
        BackboneDescriptor backbone = BackboneRegistry.standard().require("mobilenet-v2-0.35");
        byte[] onnx = new ExportedBackbones(AppDirs.userCache().resolve("onnx")).load(backbone);
        String out = dir.resolve("features").toString();

        JobSummary summary = FeaturesJob.run(spark, new JobRequest(photos.toString(), out, Device.CPU, 3),
                backbone, onnx);

        assertThat(summary.images()).isEqualTo(10);
        assertThat(summary.unreadable()).isEqualTo(2);
        Map<String, Row> byName = new HashMap<>();
        for (Row row : spark.read().parquet(out).collectAsList()) {
            String path = row.getString(row.fieldIndex(FeatureColumns.PATH));
            byName.put(path.substring(path.indexOf("/photos/") + "/photos/".length()), row);
        }
        assertThat(byName).hasSize(10).doesNotContainKey(".loupe/hidden.jpg");
        assertThat(reason(byName.get(SparkPhotos.CORRUPT))).isEqualTo("truncated or corrupt JPEG data");
        assertThat(reason(byName.get(SparkPhotos.TEXT))).isEqualTo("not an image (the file holds text)");

        Map<String, float[]> desktop = SparkPhotos.desktopFeatures(photos, backbone);
        assertThat(desktop).hasSize(8);
        for (Map.Entry<String, Row> e : byName.entrySet()) {
            Row row = e.getValue();
            String hash = row.getString(row.fieldIndex(FeatureColumns.CONTENT_HASH));
            assertThat(hash).isEqualTo(Hashes.sha256(photos.resolve(e.getKey())));
            assertThat(row.getString(row.fieldIndex(FeatureColumns.BACKBONE))).isEqualTo("mobilenet-v2-0.35");
            assertThat(row.getInt(row.fieldIndex(FeatureColumns.PREPROCESSING)))
                    .isEqualTo(backbone.input().preprocessingVersion());
            assertThat(row.getInt(row.fieldIndex(FeatureColumns.VERSION))).isEqualTo(FeatureColumns.FORMAT_VERSION);
            if (reason(row) == null) {
                assertThat(vector(row)).containsExactly(desktop.get(hash),
                        org.assertj.core.data.Offset.offset(1e-5f));
            } else {
                assertThat(row.isNullAt(row.fieldIndex(FeatureColumns.FEATURES))).isTrue();
            }
        }
    }

    @Test
    void refusesAnOutputThatExistsOrLiesAmongADatasetsPhotos() throws Exception {
        Path photos = SparkPhotos.write(dir.resolve("again"), 1);
        Path out = Files.createDirectories(dir.resolve("existing"));
        Path mine = Files.writeString(out.resolve("mine.txt"), "keep me");
        BackboneDescriptor backbone = BackboneRegistry.standard().require("mobilenet-v2-0.35");
        byte[] onnx = new ExportedBackbones(AppDirs.userCache().resolve("onnx")).load(backbone);

        assertThatThrownBy(() -> FeaturesJob.run(spark, new JobRequest(photos.toString(), out.toString(),
                Device.CPU, null), backbone, onnx)).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(mine)).isEqualTo("keep me");

        Catalogue.open(photos).close();
        Path inClass = photos.resolve("roses").resolve("features");
        assertThatThrownBy(() -> FeaturesJob.run(spark, new JobRequest(photos.toString(), inClass.toString(),
                Device.CPU, null), backbone, onnx)).isInstanceOf(OutputRefusedException.class)
                .hasMessageContaining("inside the class folder 'roses'");
        assertThat(inClass).doesNotExist();
    }

    private static String reason(Row row) {
        return row.getString(row.fieldIndex(FeatureColumns.ERROR));
    }

    private static float[] vector(Row row) {
        List<Float> list = row.getList(row.fieldIndex(FeatureColumns.FEATURES));
        float[] v = new float[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = list.get(i);
        }
        return v;
    }
}
