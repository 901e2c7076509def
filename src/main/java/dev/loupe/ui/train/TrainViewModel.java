package dev.loupe.ui.train;

import dev.loupe.engine.export.ExportJob;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobSnapshot;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.ui.common.FailureMessages;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The Train pane's state, without a Node. Retrain submits a job to the studio's shared queue; {@link #poll()} (a
 * 250 ms timeline in the pane, a direct call in tests) copies the job's snapshot into the stage line and drains its
 * epoch metrics into {@link #metrics()}, so the charts grow four times a second however fast epochs come.
 * History work (list, select, delete, export) runs on {@code io}, a queue of its own: it must not wait behind training.
 */
public final class TrainViewModel {

    private final JobExecutor jobs;
    private final JobExecutor io;
    private final Executor fx;
    private final TrainServices services;
    private final TrainSettings settings;
    private final EvaluationModel evaluation;
    private final ObservableList<EpochMetrics> metrics = FXCollections.observableArrayList();
    private final ObservableList<EpochMetrics> compareMetrics = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper bestEpoch = new ReadOnlyIntegerWrapper(0);
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> shownRun = new SimpleObjectProperty<>();
    private final ObjectProperty<RunRecord> compareRun = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper classifyRun = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper stage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private JobHandle<RunRecord> active;
    private Path activeRoot;
    private Path root;

    public TrainViewModel(JobExecutor jobs, JobExecutor io, Executor fx, TrainServices services) {
        this.jobs = jobs;
        this.io = io;
        this.fx = fx;
        this.services = services;
        this.settings = new TrainSettings(services.backbones());
        this.evaluation = new EvaluationModel(io, fx);
        shownRun.addListener((o, was, now) -> show(now));
        compareRun.addListener((o, was, now) -> compareMetrics.setAll(now == null ? List.of() : now.history()));
    }

    /** Shows another dataset's runs; a run still training for the previous dataset goes on and is recorded there. */
    public void open(Path root) {
        this.root = root;
        runs.clear();
        compareRun.set(null);
        shownRun.set(null);
        metrics.clear();
        bestEpoch.set(0);
        evaluation.open(root);
        reloadHistory(null, true);
    }

    /** Trains on the open dataset with the current settings, in the background. */
    public void retrain() {
        if (root == null || active != null) {
            return;
        }
        TrainingConfig config;
        try {
            config = settings.toConfig();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        shownRun.set(null);
        compareRun.set(null);
        metrics.clear();
        bestEpoch.set(0);
        evaluation.show(null);
        message.set("");
        running.set(true);
        activeRoot = root;
        active = jobs.submit("Train " + root.getFileName(), services.trainJobs().create(root, config));
    }

    /** Asks the run to stop; it ends at its next epoch and is recorded as cancelled. */
    public void cancel() {
        if (active != null) {
            active.cancel();
        }
    }

    /** One tick of the pane's timer: the job's stage and new epochs; when it ends, the history again. */
    public void poll() {
        JobHandle<RunRecord> job = active;
        if (job == null) {
            return;
        }
        JobSnapshot s = job.snapshot();
        boolean mine = root != null && root.equals(activeRoot);
        if (mine) {
            for (Object p : job.drainPartials()) {
                if (p instanceof EpochMetrics m) {
                    metrics.add(m);
                }
            }
            bestEpoch.set(Curves.bestEpoch(metrics));
            stage.set(StageText.of(s));
            detail.set(s.status());
            progress.set(s.fraction());
        }
        if (s.state().isFinal()) {
            active = null;
            running.set(false);
            progress.set(0);
            message.set(StageText.ending(s));
            if (mine) {
                RunRecord result = s.state() == JobState.SUCCEEDED ? job.result().getNow(null) : null;
                reloadHistory(result == null ? null : result.id(), false);
            }
        }
    }

    /** Reads the history on {@code io}; then shows the run {@code showId}, or the newest when {@code first}. */
    private void reloadHistory(String showId, boolean first) {
        Path dataset = root;
        if (dataset == null) {
            return;
        }
        io.submit("Read run history", m -> {
            RunHistory h = RunHistory.of(dataset);
            return new Listing(h.list(), h.selected().orElse(null));
        }).result().whenComplete((listing, failure) -> fx.execute(() -> {
            if (!dataset.equals(root)) {
                return;
            }
            if (failure != null) {
                message.set("Could not read the run history: " + failure.getMessage());
                return;
            }
            runs.setAll(listing.runs());
            classifyRun.set(listing.selected());
            if (first && !listing.runs().isEmpty()) {
                settings.load(listing.runs().get(0).config());
            }
            RunRecord pick = listing.runs().stream().filter(r -> r.id().equals(showId)).findFirst()
                    .orElse(first || showId != null ? listing.runs().stream().findFirst().orElse(null) : null);
            if (pick != null && active == null) {
                shownRun.set(pick);
            }
        }));
    }

    private record Listing(List<RunRecord> runs, String selected) {
    }

    private void show(RunRecord run) {
        if (run == null || active != null) {
            return;
        }
        metrics.setAll(run.history());
        bestEpoch.set(run.bestEpoch() > 0 ? run.bestEpoch() : Curves.bestEpoch(run.history()));
        evaluation.show(run.evaluation());
        stage.set(StageText.summary(run));
        detail.set("");
    }

    /** Makes the run's model the one Classify uses. */
    public void useForClassify(RunRecord run) {
        historyAction(run, "Use run", h -> h.select(run.id()), "Classify now uses run " + run.id());
    }

    /** Moves the run's folder into the dataset's trash. */
    public void delete(RunRecord run) {
        historyAction(run, "Delete run", h -> h.delete(run.id()), "Moved run " + run.id() + " to .loupe/trash/runs");
    }

    public void export(RunRecord run, Path target) {
        historyAction(run, "Export model", h -> h.export(run.id(), target), "Exported the model to " + target);
    }

    /**
     * Exports the run's model for another runtime ({@code format} as {@code Exporters} names it) on the studio's job
     * queue: loading the backbone takes seconds and must not hold up the history's queue.
     */
    public void exportAs(RunRecord run, String format, Path target) {
        Path dataset = root;
        if (dataset == null || run == null) {
            return;
        }
        Path model = RunHistory.of(dataset).modelPath(run.id());
        message.set("Exporting run " + run.id() + " (" + format + ")…");
        jobs.submit("Export " + format, ExportJob.of(model, format, target, services.backbones())).result()
                .whenComplete((r, failure) -> fx.execute(() -> message.set(failure != null
                        ? "Export failed: " + FailureMessages.of(failure)
                        : "Exported run " + run.id() + " to " + r.path() + ": " + r.usage().summary() + ". "
                                + String.join(" ", r.usage().lines()))));
    }

    private interface HistoryAction {
        void run(RunHistory history) throws Exception;
    }

    private void historyAction(RunRecord run, String name, HistoryAction action, String done) {
        Path dataset = root;
        if (dataset == null || run == null) {
            return;
        }
        io.submit(name, m -> {
            action.run(RunHistory.of(dataset));
            return done;
        }).result().whenComplete((text, failure) -> fx.execute(() -> {
            message.set(failure != null ? name + " failed: " + failure.getMessage() : text);
            RunRecord shown = shownRun.get();
            reloadHistory(shown == null ? null : shown.id(), false);
        }));
    }

    public TrainSettings settings() { return settings; }
    public EvaluationModel evaluation() { return evaluation; }
    public ObservableList<EpochMetrics> metrics() { return metrics; }
    public ObservableList<EpochMetrics> compareMetrics() { return compareMetrics; }
    public ReadOnlyIntegerProperty bestEpochProperty() { return bestEpoch.getReadOnlyProperty(); }
    public ObservableList<RunRecord> runs() { return runs; }
    public ObjectProperty<RunRecord> shownRunProperty() { return shownRun; }
    public ObjectProperty<RunRecord> compareRunProperty() { return compareRun; }
    public ReadOnlyStringProperty classifyRunProperty() { return classifyRun.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stageProperty() { return stage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
}
