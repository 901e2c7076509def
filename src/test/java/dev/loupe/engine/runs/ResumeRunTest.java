package dev.loupe.engine.runs;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.EpochRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole path a user takes: a fine-tuning run of the flowers (three classes, the last block of MobileNet v1 0.25)
 * cancelled after its first epoch is resumable, and resumed it finishes as the same run, with the epochs, best
 * epoch and evaluation of an uninterrupted run with the same seed; its checkpoint then goes. A run that cannot be
 * resumed is refused in one sentence.
 */
class ResumeRunTest {

    @TempDir
    Path root;

    @Test
    void aCancelledFineTuningRunResumedFinishesAsAnUninterruptedOne() throws Exception {
        for (String label : List.of("daisy", "roses", "tulips")) {
            Files.createDirectories(root.resolve(label));
            try (Stream<Path> photos = Files.list(Path.of("sample-datasets/flowers", label))) {
                for (Path p : photos.sorted().limit(25).toList()) {
                    Files.copy(p, root.resolve(label).resolve(p.getFileName()));
                }
            }
        }
        TrainingConfig config = TrainingConfig.defaults().withBackbone("mobilenet-v1-0.25").withFineTune(1);
        TrainWorkflow workflow = new TrainWorkflow(BackboneRegistry.bundled(),
                ExtractorFactory.onnx(root.resolve("onnx-cache")));
        RunHistory history = RunHistory.of(root);
        RunRecord whole = new TrainJob(workflow, history, root, config).run(JobMonitor.silent());

        EpochRecorder first = new EpochRecorder(1);
        assertThatThrownBy(() -> new TrainJob(workflow, history, root, config).run(first))
                .isInstanceOf(CancelledException.class);
        RunRecord cancelled = history.list().get(0);
        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(cancelled.history()).hasSize(1);
        assertThat(history.resumable(cancelled)).isTrue();
        assertThat(history.resumable(whole)).as("a finished run's checkpoint is gone").isFalse();
        assertThat(history.checkpointPath(whole.id())).doesNotExist();

        // What a kill during a checkpoint's write leaves beside it (AtomicFiles' temporary name): gone once finished.
        Path halfWritten = history.checkpointPath(cancelled.id()).resolveSibling(".checkpoint.bin.3kx9q2.tmp");
        Files.write(halfWritten, new byte[4096]);
        EpochRecorder rest = EpochRecorder.all();
        RunRecord resumed = TrainJob.resume(workflow, history, root, cancelled.id()).run(rest);
        assertThat(resumed.id()).isEqualTo(cancelled.id());
        assertThat(resumed.state()).isEqualTo(RunState.FINISHED);
        assertThat(rest.epochs).as("the first epoch is reported again, then the others").isEqualTo(whole.history());
        assertThat(rest.partials.get(0)).as("first the run, recorded running again: its row shows it so")
                .isInstanceOfSatisfying(RunRecord.class, r -> {
                    assertThat(r.id()).isEqualTo(cancelled.id());
                    assertThat(r.state()).isEqualTo(RunState.RUNNING);
                });
        assertThat(resumed.history()).hasSizeGreaterThan(1).isEqualTo(whole.history());
        assertThat(resumed.bestEpoch()).isEqualTo(whole.bestEpoch());
        assertThat(resumed.evaluation().accuracy()).isEqualTo(whole.evaluation().accuracy());
        assertThat(resumed.evaluation().confusion()).isDeepEqualTo(whole.evaluation().confusion());
        assertThat(history.modelPath(resumed.id())).isRegularFile();
        assertThat(history.selected()).contains(resumed.id());
        assertThat(history.checkpointPath(resumed.id())).doesNotExist();
        assertThat(halfWritten).doesNotExist();

        assertThatThrownBy(() -> history.resume(resumed.id())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is finished: only a cancelled, interrupted or failed run can be resumed");
    }

    @Test
    void aRunWithNothingToResumeFromIsRefusedInOneSentence() throws Exception {
        RunHistory history = RunHistory.of(root);
        TrainingConfig tuning = TrainingConfig.defaults().withBackbone("mobilenet-v1-0.25").withFineTune(1);
        RunRecord early = history.start(tuning);
        history.save(early.ended(RunState.CANCELLED, null, List.of(), System.currentTimeMillis()));
        assertThat(history.resumable(history.get(early.id()).orElseThrow())).isFalse();
        assertThatThrownBy(() -> history.resume(early.id())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stopped before its first fine-tuning epoch ended").hasMessageNotContaining("\n");

        RunRecord head = history.start(TrainingConfig.defaults());
        history.save(head.ended(RunState.CANCELLED, null, List.of(), System.currentTimeMillis()));
        Files.writeString(history.checkpointPath(head.id()), "x");
        assertThatThrownBy(() -> history.resume(head.id())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trained a head alone");

        // Cut short by a dead process, with a checkpoint: Resume offers it.
        RunRecord live = history.start(tuning);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        history.save(new RunRecord(1, live.id(), RunState.RUNNING, live.startedAt(), 0, gone.pid(), 1, tuning,
                List.of(), 0, 0, 0, null, null, List.of(), null, null));
        Files.writeString(history.checkpointPath(live.id()), "x");
        RunRecord interrupted = history.get(live.id()).orElseThrow();
        assertThat(interrupted.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(history.resumable(interrupted)).isTrue();
        assertThat(history.resume(live.id()).state()).isEqualTo(RunState.RUNNING);
    }
}
