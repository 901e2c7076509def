package dev.loupe.ui.train;

import dev.loupe.engine.finetune.FineTuneSettings;
import dev.loupe.engine.jobs.JobSnapshot;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.HeadChoice;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.HeadTrial;
import dev.loupe.engine.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The run summary names what the head's fit did: L-BFGS converging for softmax regression, early stopping else. */
class StageTextTest {

    private static final HeadSetting SOFTMAX = new HeadSetting(0, 0, 0.005, 0.003);
    private static final HeadSetting HIDDEN = new HeadSetting(128, 0.5, 0.01, 0.003);

    @Test
    void aSearchedSoftmaxRunSaysLbfgsConvergedNotThatItStoppedEarly() {
        HeadChoice choice = new HeadChoice(SOFTMAX, "3-fold cross-validation of the 158 training images",
                List.of(new HeadTrial(HIDDEN, 0.797, 0.6, 20, 900), new HeadTrial(SOFTMAX, 0.842, 0.5, 39, 300)),
                false);
        String summary = StageText.summary(run(TrainingConfig.defaults(), 39, choice));

        assertThat(summary).contains(": finished, ").contains("L-BFGS converged after 39 iterations")
                .doesNotContain("epoch").doesNotContain("Stopped");
    }

    @Test
    void aSoftmaxRunAsGivenSaysSoToo() {
        TrainingConfig given = TrainingConfig.defaults().withHead(SOFTMAX, false);
        assertThat(StageText.summary(run(given, 12, null))).contains("L-BFGS converged after 12 iterations")
                .doesNotContain("epoch");
        assertThat(StageText.summary(run(given, HeadSetting.LBFGS_MAX_ITERATIONS, null)))
                .contains("L-BFGS stopped at its cap of 500 iterations before converging");
    }

    @Test
    void aHiddenLayerRunStillSaysWhereEarlyStoppingStoppedIt() {
        TrainingConfig given = TrainingConfig.defaults().withHead(HIDDEN, false);
        String summary = StageText.summary(run(given, 39, null));

        assertThat(summary).contains("39 epochs, best 39").contains("Stopped at epoch 39 of " + given.epochs()
                + ": validation loss stopped improving after epoch 39").doesNotContain("L-BFGS");
    }

    @Test
    void aFineTuningRunCountsItsEpochsAgainstTheFineTuningLimitItRecordedNotTheHeads() {
        TrainingConfig config = TrainingConfig.defaults().withFineTune(1);
        FineTuneSettings eight = FineTuneSettings.forRun(config).withEpochs(8);
        String summary = StageText.summary(fineTuned(config, 3, 1, eight));

        assertThat(summary).contains("Stopped at epoch 3 of 8: validation loss stopped improving after epoch 1")
                .doesNotContain("of " + config.epochs()).contains("Fine-tuned the last block of " + config.backbone());
        assertThat(StageText.summary(fineTuned(config, 8, 8, eight))).doesNotContain("Stopped");
    }

    @Test
    void aFineTuningRunWhoseTopNeverBeatTheHeadSaysTheModelKeepsTheHeadAlone() {
        TrainingConfig config = TrainingConfig.defaults().withFineTune(1);
        String summary = StageText.summary(fineTuned(config, 3, 0, FineTuneSettings.forRun(config)));

        assertThat(summary).contains("Fine-tuned the last block of " + config.backbone()
                + ": no epoch scored above the head alone on validation, so the model keeps the head alone")
                .doesNotContain("best validation accuracy");
    }

    @Test
    void aFineTuningRunRecordedBeforeItsSettingsWereCountsAgainstTheLimitItThenHad() {
        TrainingConfig config = TrainingConfig.defaults().withFineTune(1);
        assertThat(StageText.summary(fineTuned(config, 3, 1, null))).contains("Stopped at epoch 3 of 5:");
        assertThat(StageText.summary(fineTuned(config, 5, 5, null))).doesNotContain("Stopped");
    }

    @Test
    void theLiveStageCountsIterationsWithoutTheCapAsATotal() {
        assertThat(StageText.of(snapshot(HeadSetting.LBFGS_STAGE, 7, 500))).isEqualTo("Training by L-BFGS: iteration 7");
        assertThat(StageText.of(snapshot("Training", 7, 200))).isEqualTo("Training: epoch 7 of 200");
        assertThat(StageText.step(true)).isEqualTo("L-BFGS iteration");
        assertThat(StageText.step(false)).isEqualTo("epoch");
    }

    private static RunRecord run(TrainingConfig config, int steps, HeadChoice choice) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            history.add(new EpochMetrics(i, 1.0 / i, 0.8, 1.0 / i, 0.8));
        }
        return new RunRecord(RunRecord.FORMAT_VERSION, "r1", RunState.FINISHED, 1_000, 5_000, 1, 1, config, history,
                steps, 100, 0, null, "validation", List.of(), RunRecord.MODEL_FILE, null, false, false, choice,
                null);
    }

    private static RunRecord fineTuned(TrainingConfig config, int epochs, int best, FineTuneSettings recorded) {
        RunRecord r = run(config, epochs, null);
        return new RunRecord(r.formatVersion(), r.id(), r.state(), r.startedAt(), r.finishedAt(), r.pid(),
                r.processStart(), config, r.history(), best, 100, 0, null, "validation", List.of(),
                RunRecord.MODEL_FILE, null, false, false, null, recorded);
    }

    private static JobSnapshot snapshot(String stage, long done, long total) {
        return new JobSnapshot("Train", JobState.RUNNING, stage, done, total, "", List.of(), null, null);
    }
}
