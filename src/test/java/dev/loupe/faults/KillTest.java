package dev.loupe.faults;

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
        Results.check("process", "kill -9 during a batch move",
                "each image's bytes exactly once in dataset + trash; journal opens; undo and a new edit work", () -> {
                    Path ds = TestImages.dataset(dir.resolve("ds"), 300, Color.RED);
                    Files.createDirectories(ds.resolve("blue"));
                    Map<String, String> before = DatasetHashes.of(ds);
                    killAfter("moves", ds, "edit 7");
                    DatasetHashes.assertEachContentOnce(ds, before);
                    var labels = new DatasetScanner().scan(ds).images().stream()
                            .collect(java.util.stream.Collectors.groupingBy(i -> i.label(),
                                    java.util.stream.Collectors.counting()));
                    Results.note("after the kill: " + labels + " (both classes non-empty = killed mid-edit)");
                    DatasetEditor editor = DatasetEditor.open(ds);
                    assertThat(editor.history()).isNotEmpty();
                    assertThat(editor.undo()).isPresent();
                    List<String> red = new DatasetScanner().scan(ds).images().stream()
                            .filter(i -> i.label().equals("red")).map(i -> i.relativePath()).limit(5).toList();
                    editor.moveImages(red, "blue");
                    DatasetHashes.assertEachContentOnce(ds, before);
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
