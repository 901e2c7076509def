package dev.loupe.faults;

import dev.loupe.cli.CliRun;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of a Loupe process mid-work: afterwards the catalogue opens, nothing is lost, the next run completes. */
class KillTest {

    @TempDir Path dir;

    @Test
    void killedDuringFeatureExtraction() throws Exception {
        Results.check("process", "kill -9 during feature extraction",
                "catalogue opens; flushed features kept; next run completes with all images; dataset unchanged", () -> {
                    Path ds = TestImages.dataset(dir.resolve("ds"), 150, Color.RED, Color.BLUE);
                    Map<String, String> before = DatasetHashes.of(ds);
                    killAfter("features", ds, "batch 40");
                    FeatureSet next;
                    try (Catalogue c = Catalogue.open(ds)) {
                        next = new FeatureService(new FakeExtractor().factory()).features(
                                new DatasetScanner().scan(ds), c, FakeExtractor.DESCRIPTOR, JobMonitor.silent());
                    }
                    assertThat(next.samples()).hasSize(300);
                    assertThat(next.problems()).isEmpty();
                    assertThat(next.cached()).as("features flushed before the kill are reused").isPositive();
                    Results.note(next.cached() + " of 300 features survived the kill");
                    DatasetHashes.assertUnchanged(ds, before);
                });
    }

    @Test
    void killedDuringTraining() throws Exception {
        Results.check("process", "kill -9 during training",
                "the run is listed as interrupted; the next run finishes; dataset unchanged", () -> {
                    Path ds = TestImages.dataset(dir.resolve("ds"), 30, Color.RED, Color.BLUE);
                    Map<String, String> before = DatasetHashes.of(ds);
                    killAfter("train", ds, "epoch 5");
                    RunHistory history = RunHistory.of(ds);
                    List<RunRecord> runs = history.list();
                    assertThat(runs).hasSize(1);
                    assertThat(runs.get(0).state()).isEqualTo(RunState.INTERRUPTED);
                    assertThat(runs.get(0).error()).contains("Loupe stopped during this run");
                    RunRecord next = new TrainJob(SlowWork.workflow(), history, ds, SlowWork.config(5))
                            .run(JobMonitor.silent());
                    assertThat(next.state()).isEqualTo(RunState.FINISHED);
                    assertThat(history.selectedModel()).isPresent();
                    DatasetHashes.assertUnchanged(ds, before);
                });
    }

    @Test
    void killedDuringABatchMove() throws Exception {
        Results.check("process", "kill -9 part-way through one batch move (or its undo)", "each image's bytes "
                + "exactly once; loupe dataset undo says what it found and puts every file back (paths and hashes "
                + "as before the edit); a new edit works", () -> {
                    Path ds = TestImages.dataset(dir.resolve("ds"), 300, Color.RED);
                    Files.createDirectories(ds.resolve("blue"));
                    Map<String, String> before = DatasetHashes.of(ds);
                    Process p = ChildJvm.builder(SlowWork.class.getName(), "moves", ds.toString()).start();
                    String cut;
                    try {
                        var out = ChildJvm.reader(p);
                        ChildJvm.awaitLine(p, out, "editing");
                        ChildJvm.drain(out);
                        cut = MidEdit.killInside(p, ds.resolve("red"), ds.resolve("blue"));
                    } finally {
                        p.destroyForcibly();
                        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    }
                    DatasetHashes.assertEachContentOnce(ds, before);

                    CliRun undo = CliRun.of("dataset", "undo", ds.toString());
                    assertThat(undo.exitCode()).as(undo.err()).isZero();
                    assertThat(undo.err()).contains("warning: Loupe was stopped part-way through")
                            .contains("\u201cMove 300 images to blue\u201d");
                    assertThat(undo.out()).startsWith("Undid: Move 300 images to blue (");
                    DatasetHashes.assertUnchanged(ds, before);
                    Results.note("killed with " + cut + "; the undo said: "
                            + undo.err().strip().replace("warning: ", ""));

                    DatasetEditor editor = DatasetEditor.open(ds);
                    assertThat(editor.recovered()).isEmpty();
                    assertThat(editor.moveImages(List.of("red/img0.png"), "blue")).isPresent();
                    assertThat(editor.undo()).isPresent();
                    DatasetHashes.assertUnchanged(ds, before);
                });
    }

    /** Starts SlowWork in a child JVM, waits for {@code line}, then kills it without warning (SIGKILL). */
    private static void killAfter(String mode, Path ds, String line) throws Exception {
        Process p = ChildJvm.builder(SlowWork.class.getName(), mode, ds.toString()).start();
        try {
            ChildJvm.awaitLine(p, ChildJvm.reader(p), line);
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as("killed, not finished").isEqualTo(137);
    }
}
