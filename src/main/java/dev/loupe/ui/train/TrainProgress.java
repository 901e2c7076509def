package dev.loupe.ui.train;

import dev.loupe.engine.finetune.FineTuner;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobSnapshot;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.training.EarlyStopping;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Train pane's charts and stage line show: the training job while one runs, else the shown run as recorded.
 * The job runs on the studio's compute queue through the session; {@link #poll()} (the pane's 250 ms timeline, a
 * direct call in tests) reads its snapshot and drains its partials (epoch metrics, the run recorded as running), so
 * the charts grow four times a second however fast epochs come. When the job ends it hands over to the
 * {@link TrainViewModel}, which reads the history again.
 */
final class TrainProgress {

    private final TrainViewModel vm;
    private final DatasetSession session;
    private final TrainServices services;
    private final ObservableList<EpochMetrics> metrics = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper bestEpoch = new ReadOnlyIntegerWrapper(0);
    /** What the charts' steps are: epochs, or L-BFGS iterations for softmax regression ({@link StageText#step}). */
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(StageText.step(false));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper stage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private JobHandle<RunRecord> active;

    TrainProgress(TrainViewModel vm, DatasetSession session, TrainServices services) {
        this.vm = vm;
        this.session = session;
        this.services = services;
    }

    /** Whether a training job is running (started and not yet seen ending by {@link #poll()}). */
    boolean isRunning() {
        return active != null;
    }

    /** Clears the charts and submits the training job ({@code resume}: the run it continues, or null). */
    void start(String title, TrainingConfig config, String resume) {
        metrics.clear();
        bestEpoch.set(0);
        step.set(StageText.step(false));
        vm.evaluation().show(null);
        vm.say("");
        running.set(true);
        active = session.compute(title, services.trainJobs().create(session.root(), session.runs(), config, resume));
    }

    /** Asks the run to stop; it ends at its next epoch and is recorded as cancelled. */
    void cancel() {
        if (active != null) {
            active.cancel();
        }
    }

    /** One tick of the pane's timer: the job's stage and new epochs; when it ends, the history again. */
    void poll() {
        JobHandle<RunRecord> job = active;
        if (job == null) {
            return;
        }
        JobSnapshot s = job.snapshot();
        List<EpochMetrics> epochs = new ArrayList<>();
        for (Partial p : job.drainPartials()) {
            if (p instanceof EpochMetrics m) {
                epochs.add(m);
            } else if (p instanceof RunRecord run) {
                vm.showRunning(run);
            }
        }
        metrics.addAll(epochs);
        stage.set(StageText.of(s));
        if (s.stage().startsWith("Training") || s.stage().startsWith(FineTuner.STAGE_PREFIX)) {
            step.set(StageText.step(s.stage().equals(HeadSetting.LBFGS_STAGE)));
        }
        // L-BFGS keeps its last iteration (converged), not the one of lowest validation loss as early stopping does.
        bestEpoch.set(step.get().equals(StageText.step(true)) ? metrics.size() : EarlyStopping.bestEpoch(metrics));
        detail.set(s.status());
        progress.set(s.fraction());
        if (s.state().isFinal()) {
            // The job's progress words go with it; what is left is how it ended, and the run it left.
            active = null;
            running.set(false);
            progress.set(0);
            stage.set("");
            detail.set("");
            vm.say(StageText.ending(s));
            vm.jobEnded(s.state() == JobState.SUCCEEDED ? job.result().getNow(null) : null);
        }
    }

    /**
     * Shows a recorded run's curves and summary ({@code whyNotResumable}: the rest of a sentence "It …", or null);
     * not while a job runs, whose live epochs the charts keep.
     */
    void show(RunRecord run, String whyNotResumable) {
        if (run == null || active != null) {
            return;
        }
        step.set(StageText.step(run.curvesAreLbfgsIterations()));
        metrics.setAll(run.history());
        // A finished run says which epoch it kept, 0 when none (a fine-tuning run that kept its head); one cut short
        // kept none yet, so the marker shows where early stopping stands.
        bestEpoch.set(run.state() == RunState.FINISHED ? run.bestEpoch() : EarlyStopping.bestEpoch(run.history()));
        vm.evaluation().show(run.evaluation(), run.hasModel() ? session.runs().modelPath(run.id()) : null);
        stage.set(StageText.summary(run) + (whyNotResumable == null ? "" : ". It " + whyNotResumable));
        detail.set("");
    }

    ObservableList<EpochMetrics> metrics() { return metrics; }
    ReadOnlyIntegerProperty bestEpochProperty() { return bestEpoch.getReadOnlyProperty(); }
    ReadOnlyStringProperty stepProperty() { return step.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    ReadOnlyStringProperty stageProperty() { return stage.getReadOnlyProperty(); }
    ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
    ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
}
