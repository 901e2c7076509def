package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.Device;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.testing.FineTunedFixture;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.loupe.testing.FineTunedFixture.worst;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's classify job runs a fine-tuned model's own blocks ({@link ClassifierGraph} loads the backbone with
 * the bundle's fine-tuned parameters): on {@link FineTunedFixture}'s photos, in local Spark, every label's
 * probability within 1e-4 of the desktop's, which differ from the stock backbone's by more than 0.01.
 */
class FineTunedClassifyJobTest {

    @TempDir
    static Path dir;

    @Test
    void classifiesWithTheFineTunedBlocks() throws Exception {
        FineTunedFixture f = FineTunedFixture.train(dir);
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < f.photos().size(); i++) {
            Files.copy(f.photos().get(i), photos.resolve(i + ".jpg"));
        }
        ModelBundle model = ModelFiles.load(f.file());
        ClassifierGraph graph = ClassifierGraph.of(model, BackboneRegistry.bundled());
        String out = dir.resolve("predictions.parquet").toString();
        List<String> labels = FineTunedFixture.LABELS;
        ClassifyJob.run(LocalSpark.session(), new JobRequest(photos.toString(), out, Device.CPU, 2), "tuned.loupe",
                labels, graph, labels.size(), ClassifyJob.Format.parquet);
        float[][] spark = new float[f.photos().size()][labels.size()];
        List<Row> rows = LocalSpark.session().read().parquet(out).collectAsList();
        assertThat(rows).hasSize(f.photos().size());
        for (Row r : rows) {
            String name = Path.of(URI.create(r.getAs("path"))).getFileName().toString();
            int i = Integer.parseInt(name.substring(0, name.indexOf('.')));
            List<String> top = r.getList(r.fieldIndex("labels"));
            List<Float> p = r.getList(r.fieldIndex("probabilities"));
            for (int k = 0; k < top.size(); k++) {
                spark[i][labels.indexOf(top.get(k))] = p.get(k);
            }
        }
        float[][] desktop = f.classify();
        assertThat(worst(spark, desktop)).as("Spark against the desktop").isLessThan(1e-4);
        assertThat(worst(f.classifyStock(), desktop)).as("the fine-tuned block changes the answers")
                .isGreaterThan(0.01);
    }
}
