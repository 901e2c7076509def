package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.Device;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.inference.Classifier;
import dev.loupe.engine.inference.Prediction;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The classify job in local mode against the desktop's classifier on the same photos. */
class ClassifyJobTest {

    @TempDir
    Path dir;

    @Test
    void writesTheDesktopsTopLabelsAsCsvOrParquetAndSaysWhyABadFileHasNone() throws Exception {
        Path photos = SparkPhotos.write(dir.resolve("photos"), 6);
        Path modelFile = dir.resolve("flowers.loupe");
        BackboneRegistry registry = BackboneRegistry.standard();
        new TrainWorkflow(registry, ExtractorFactory.standard()).run(photos,
                TrainingConfig.defaults().withBackbone("mobilenet-v2-0.35").withEpochs(20), modelFile,
                JobMonitor.silent());
        ModelBundle model = ModelFiles.load(modelFile);
        String out = dir.resolve("predictions").toString();

        ClassifierGraph graph = ClassifierGraph.of(model, registry);
        JobSummary summary = ClassifyJob.run(LocalSpark.session(), new JobRequest(photos.toString(), out, Device.CPU,
                2), "flowers.loupe", model.labels(), graph, 2, ClassifyJob.Format.csv);
        String parquet = dir.resolve("predictions.parquet").toString();
        ClassifyJob.run(LocalSpark.session(), new JobRequest(photos.toString(), parquet, Device.CPU, 2),
                "flowers.loupe", model.labels(), graph, 2, ClassifyJob.Format.parquet);
        java.util.Map<String, Row> parquetRows = new java.util.HashMap<>();
        LocalSpark.session().read().parquet(parquet).collectAsList().forEach(r -> parquetRows.put(r.getAs("path"), r));

        assertThat(summary.images()).isEqualTo(14);
        List<Row> rows = LocalSpark.session().read().option("header", "true").csv(out).collectAsList();
        assertThat(rows).hasSize(14);
        try (Classifier desktop = Classifier.open(modelFile, registry, ExtractorFactory.standard())) {
            for (Row row : rows) {
                Path file = Path.of(java.net.URI.create(row.getAs("path")));
                Prediction expected = desktop.classify(file, 2);
                if (!expected.ok()) {
                    assertThat((String) row.getAs("error")).isEqualTo(expected.error());
                    assertThat((String) row.getAs("label_1")).isNull();
                    continue;
                }
                assertThat((String) row.getAs("label_1")).isEqualTo(expected.best().label());
                assertThat(Double.parseDouble(row.getAs("probability_1")))
                        .isCloseTo(expected.best().probability(), offset(1e-4));
                assertThat((String) row.getAs("label_2")).isEqualTo(expected.top().get(1).label());
                Row same = parquetRows.get((String) row.getAs("path"));
                assertThat(same.<String>getList(same.fieldIndex("labels"))).containsExactly(expected.best().label(),
                        expected.top().get(1).label());
                assertThat(same.<Float>getList(same.fieldIndex("probabilities")).get(0).doubleValue())
                        .isCloseTo(expected.best().probability(), offset(1e-4));
            }
        }
    }
}
