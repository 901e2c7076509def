package dev.loupe.engine.runs;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.HeadChoice;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.HeadTrial;
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
 * epoch and evaluation of an uninterrupted run with the same seed, going on with the head it chose before it
 * stopped (no search again) and showing its earlier epochs first; its checkpoint and kept head then go. A run that
 * cannot be resumed (a crafted head choice included) is refused in one sentence.
 */
class ResumeRunTest {

    private static final String SEARCH_STAGE = "Choosing head settings";

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
        EpochRecorder uncut = EpochRecorder.all();
        RunRecord whole = new TrainJob(workflow, history, root, config).run(uncut);
        assertThat(uncut.stages).as("60 training photos: the head's settings are searched for")
                .contains(SEARCH_STAGE);

        EpochRecorder first = new EpochRecorder(1);
        assertThatThrownBy(() -> new TrainJob(workflow, history, root, config).run(first))
                .isInstanceOf(CancelledException.class);
        RunRecord cancelled = history.list().get(0);
        assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
        assertThat(cancelled.history()).hasSize(1);
        assertThat(history.resumable(cancelled)).isTrue();
        assertThat(history.resumable(whole)).as("a finished run's checkpoint is gone").isFalse();
        assertThat(history.checkpointPath(whole.id())).doesNotExist();
        assertThat(history.headPath(whole.id())).as("the kept head goes with the checkpoint").doesNotExist();
        assertThat(cancelled.headChoice()).as("recorded before the first epoch").isNotNull();
        assertThat(cancelled.headChoice().chosen()).isEqualTo(whole.headChoice().chosen());
        assertThat(history.headPath(cancelled.id())).isRegularFile();

        // What a kill during a checkpoint's write leaves beside it (AtomicFiles' temporary name): gone once finished.
        Path halfWritten = history.checkpointPath(cancelled.id()).resolveSibling(".checkpoint.bin.3kx9q2.tmp");
        Files.write(halfWritten, new byte[4096]);
        EpochRecorder rest = EpochRecorder.all();
        RunRecord resumed = TrainJob.resume(workflow, history, root, cancelled.id()).run(rest);
        assertThat(resumed.id()).isEqualTo(cancelled.id());
        assertThat(resumed.state()).isEqualTo(RunState.FINISHED);
        assertThat(rest.epochs).as("the first epoch is reported again, then the others").isEqualTo(whole.history());
        assertThat(rest.stages).as("the head chosen before it stopped is the one it goes on with: no search again")
                .doesNotContain(SEARCH_STAGE);
        assertThat(rest.events.get(0)).as("the epochs done are shown before the run loads anything")
                .isEqualTo("epoch 1");
        assertThat(resumed.headChoice()).isEqualTo(cancelled.headChoice());
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
        assertThat(history.headPath(resumed.id())).doesNotExist();
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

        // A record is untrusted: a head choice no search made (a crafted hidden layer of a million units) is refused.
        RunRecord crafted = history.start(tuning);
        HeadSetting huge = new HeadSetting(1_000_000, 0, 0.01, 0.003);
        history.save(crafted.ended(RunState.CANCELLED, null, List.of(), System.currentTimeMillis())
                .withHeadChoice(new HeadChoice(huge, "the validation split (9 images)",
                        List.of(new HeadTrial(huge, 1, 0.1, 3, 5, false)), false, false)));
        Files.writeString(history.checkpointPath(crafted.id()), "x");
        RunRecord read = history.get(crafted.id()).orElseThrow();
        assertThat(history.resumable(read)).isFalse();
        assertThatThrownBy(() -> history.resume(crafted.id())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has a recorded head choice that names an impossible setting (hidden 1000000")
                .hasMessageNotContaining("\n");
        assertThat(history.get(crafted.id()).orElseThrow()).as("refused, nothing changed").isEqualTo(read);
        HeadSetting untried = new HeadSetting(64, 0, 0.01, 0.003);
        history.save(read.withHeadChoice(new HeadChoice(untried, "the validation split (9 images)",
                List.of(new HeadTrial(new HeadSetting(128, 0.5, 0.01, 0.003), 1, 0.1, 3, 5, false)), false, false)));
        assertThat(history.whyNotResumable(history.get(crafted.id()).orElseThrow()))
                .hasValueSatisfying(why -> assertThat(why).contains("a setting the search did not try"));

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
