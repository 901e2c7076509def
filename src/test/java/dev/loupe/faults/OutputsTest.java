package dev.loupe.faults;

import dev.loupe.cli.CliRun;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.Hashes;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An output option pointed at an input or into a dataset: every command and the studio's Export refuse it, naming the
 * file, with exit 3, and no user file changes. An unrelated earlier output is still replaced.
 */
class OutputsTest {

    @TempDir Path dir;
    private Path ds;
    private Path model;
    private Map<String, String> before;

    @BeforeEach
    void setUp() throws Exception {
        ds = TestImages.dataset(dir.resolve("ds"), 3, Color.RED, Color.GREEN);
        // A real bundle, trained on the fake backbone, standing beside the dataset as a user's only model would.
        FakeExtractor fake = new FakeExtractor();
        var workflow = new TrainWorkflow(BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR)), fake.factory());
        model = dir.resolve("m.loupe");
        workflow.run(ds, TrainingConfig.defaults().withBackbone("fake").withEpochs(3), model, JobMonitor.silent());
        before = DatasetHashes.of(dir);
    }

    @Test
    void commandLineOutputsOntoInputs() throws Exception {
        Results.check("outputs", "an output option naming the command's own input or a photo in a class folder",
                "export -o MODEL, train -o DS/red/photo, classify --csv PHOTO, embed -o DS/green/photo and variants"
                        + " (.loupe, a folder, an image elsewhere) exit 3 naming the file; no file changed", () -> {
            Path photo = ds.resolve("red/img0.png");
            Path elsewhere = TestImages.png(dir.resolve("holiday.png"), Color.BLUE, 16, 7);
            before = DatasetHashes.of(dir);
            refused(model, "export", model.toString(), "-o", model.toString());
            refused(photo, "train", ds.toString(), "-o", photo.toString());
            refused(photo, "classify", model.toString(), ds.resolve("red").toString(), "--csv", photo.toString());
            refused(ds.resolve("green/img1.png"), "embed", ds.toString(), "-o", ds.resolve("green/img1.png")
                    .toString());
            refused(model, "classify", model.toString(), photo.toString(), "--csv", model.toString());
            refused(ds.resolve("red/new.onnx"), "export", model.toString(), "-o", ds.resolve("red/new.onnx")
                    .toString());
            refused(ds.resolve(".loupe/catalogue.db"), "export", model.toString(), "-o",
                    ds.resolve(".loupe/catalogue.db").toString());
            refused(ds, "train", ds.toString(), "-o", ds.toString());
            refused(elsewhere, "embed", ds.toString(), "-o", elsewhere.toString());
            DatasetHashes.assertUnchanged(dir, before);
        });
    }

    @Test
    void studioExportOntoAPhoto() throws Exception {
        Results.check("outputs", "the studio's Export model onto a photo, then onto an earlier export",
                "refused naming the photo, which is unchanged; an unrelated earlier export is replaced whole", () -> {
            FakeExtractor fake = new FakeExtractor();
            var workflow = new TrainWorkflow(BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR)),
                    fake.factory());
            RunHistory history = RunHistory.of(ds);
            RunRecord run = new TrainJob(workflow, history, ds,
                    TrainingConfig.defaults().withBackbone("fake").withEpochs(3)).run(JobMonitor.silent());
            before = DatasetHashes.of(dir);
            Path photo = ds.resolve("green/img2.png");
            assertThatThrownBy(() -> history.export(run.id(), photo)).hasMessageContaining(photo.toString())
                    .satisfies(e -> Results.note(e.getMessage().replace(dir.toString(), "…")));
            DatasetHashes.assertUnchanged(dir, before);

            Path earlier = Files.writeString(dir.resolve("exported.loupe"), "an earlier export");
            history.export(run.id(), earlier);
            assertThat(Hashes.sha256(earlier)).isEqualTo(Hashes.sha256(history.modelPath(run.id())));
        });
    }

    private void refused(Path target, String... args) throws Exception {
        String hash = Files.isRegularFile(target) ? Hashes.sha256(target) : null;
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(3);
        assertThat(run.err()).as(String.join(" ", args)).contains(target.toString()).contains("will not write");
        if (hash != null) {
            assertThat(Hashes.sha256(target)).isEqualTo(hash);
        }
    }
}
