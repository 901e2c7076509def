package dev.loupe.ui.train;

import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The Train pane's state for one dataset session, without a Node. Retrain submits a job to the studio's compute queue
 * through the session (closing the session cancels it); {@link TrainProgress} follows it into the stage line and the
 * charts' {@link #metrics()} on each {@link #poll()} (a 250 ms timeline in the pane, a direct call in tests).
 * {@link RunListModel} keeps the run history; its work (list, select, delete, export) runs on {@code io}, a queue of
 * its own: it must not wait behind training. This class holds what ties them together: the settings (kept with the
 * dataset), which run is shown and which compared, and the run Classify uses.
 */
public final class TrainViewModel {

    private final DatasetSession session;
    private final JobExecutor io;
    private final Executor fx;
    private final TrainSettings settings;
    private final EvaluationModel evaluation;
    private final BackboneModel backbones;
    private final TrainProgress progress;
    private final ObservableList<EpochMetrics> compareMetrics = FXCollections.observableArrayList();
    private final RunListModel runList;
    private final ObjectProperty<RunRecord> shownRun = new SimpleObjectProperty<>();
    private final ObjectProperty<RunRecord> compareRun = new SimpleObjectProperty<>();
    private final StringBinding classifyRun;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private boolean loadingSettings;

    /** Reads the session's run history at once and shows its newest run. */
    public TrainViewModel(DatasetSession session, TrainServices services) {
        this.session = session;
        this.io = session.queue("train");
        this.fx = session.fx();
        this.settings = new TrainSettings(services.backbones());
        this.evaluation = new EvaluationModel(session, io);
        this.backbones = new BackboneModel(session, settings, services.backboneJobs());
        this.progress = new TrainProgress(this, session, services);
        this.runList = new RunListModel(this, io, services);
        new FineTuneCheck(settings, io, fx);
        // The star follows the model Classify uses, whichever pane chose it.
        this.classifyRun = Bindings.createStringBinding(() -> runOf(session.classifyModelProperty().get()),
                session.classifyModelProperty());
        shownRun.addListener((o, was, now) -> show(now));
        // A run made elsewhere (the inbox's automatic retrain in Curate) becomes the selected one: read the history
        // again, so the list shows it and no longer the older automatic runs it replaced.
        session.classifyModelProperty().addListener((o, was, now) -> {
            String id = runOf(now);
            if (id != null && runList.runs().stream().noneMatch(r -> r.id().equals(id))) {
                RunRecord shown = shownRun.get();
                runList.reload(shown == null ? null : shown.id(), false, false);
            }
        });
        compareRun.addListener((o, was, now) -> compareMetrics.setAll(now == null ? List.of() : now.history()));
        runList.reload(null, true, true);
        for (javafx.beans.Observable o : settings.all()) {
            o.addListener(x -> saveSettings());
        }
    }

    /**
     * Keeps the form's settings with the dataset ({@code .loupe/runs/settings.json}), so they come back when it is
     * opened again and never reach another dataset. Not while the form is being filled from the dataset.
     */
    private void saveSettings() {
        if (loadingSettings) {
            return;
        }
        TrainingConfig config;
        try {
            config = settings.toConfig();
        } catch (IllegalArgumentException e) {
            return; // not a complete set of settings yet (no backbone)
        }
        io.submit("Save settings", m -> {
            session.runs().saveNextSettings(config);
            return null;
        });
    }

    /** The id of the run of this dataset whose model is {@code model}, or null. */
    private String runOf(Path model) {
        Path folder = model == null ? null : model.getParent();
        return folder != null && session.runs().directory().equals(folder.getParent())
                && model.equals(session.runs().modelPath(folder.getFileName().toString()))
                ? folder.getFileName().toString() : null;
    }

    /** Trains on the session's dataset with the current settings, in the background. */
    public void retrain() {
        if (progress.isRunning()) {
            return;
        }
        TrainingConfig config;
        try {
            config = settings.toConfig();
        } catch (IllegalArgumentException e) {
            message.set(Failures.describe(e));
            return;
        }
        if (BackboneModel.needsDownload(settings.backboneProperty().get())) {
            // Not a run: an attempt that cannot start leaves no failed run in the history.
            message.set(settings.backboneProperty().get().displayName() + " is not downloaded yet: press Download "
                    + "under the backbone (or choose another)");
            return;
        }
        start("Train " + session.name(), config, null);
    }

    /**
     * Continues a fine-tuning run that was cancelled, failed or cut short, from its last completed epoch, with its own
     * settings: its earlier epochs come back first, then the charts grow as for any run.
     */
    public void resume(RunRecord run) {
        if (progress.isRunning() || run == null || !runList.resumable().contains(run.id())) {
            return;
        }
        start("Resume run " + run.id(), run.config(), run.id());
    }

    private void start(String title, TrainingConfig config, String resume) {
        shownRun.set(null);
        compareRun.set(null);
        progress.start(title, config, resume);
    }

    /** Asks the run to stop; it ends at its next epoch and is recorded as cancelled. */
    public void cancel() { progress.cancel(); }

    /** One tick of the pane's timer: the job's stage and new epochs; when it ends, the history again. */
    public void poll() { progress.poll(); }

    /** The training job ended ({@code result}: the run it recorded if it succeeded, else null). */
    void jobEnded(RunRecord result) {
        if (result != null && result.hasModel()) {
            // The finished run is now the dataset's selected one (TrainJob selects it): Classify follows.
            session.classifyModelProperty().set(session.runs().modelPath(result.id()));
        }
        // The job's run stays shown however it ended (a resumed run cancelled again is not the newest).
        RunRecord ran = shownRun.get();
        runList.reload(result != null ? result.id() : ran != null ? ran.id() : null, true, false);
    }

    /**
     * The job's run, recorded as running: its row shows it so and is the selected one, while the charts keep the live
     * epochs ({@link TrainProgress#show} leaves them while a job runs).
     */
    void showRunning(RunRecord run) {
        runList.showRunning(run);
        compareRun.set(null);
        shownRun.set(run);
    }

    /** Fills the form with the settings the history read gave, without saving them back. */
    void loadSettings(TrainingConfig saved) {
        loadingSettings = true;
        settings.load(saved);
        loadingSettings = false;
    }

    /** The run the history read picked becomes the shown one, unless a job runs (its run is shown). */
    void showRead(RunRecord pick) {
        if (!progress.isRunning()) {
            shownRun.set(pick);
        }
    }

    /** The shown run changed: its curves, evaluation and summary (not while a job runs). */
    private void show(RunRecord run) {
        progress.show(run, run == null ? null : runList.notResumable().get(run.id()));
    }

    /**
     * The runs the user selected in the list: one is shown; with two, the first is shown and the second compared
     * with it (never a run with itself); with none, nothing changes.
     */
    public void select(List<RunRecord> selected) {
        if (selected.isEmpty()) {
            return;
        }
        RunRecord first = selected.get(0);
        RunRecord second = selected.size() > 1 ? selected.get(selected.size() - 1) : null;
        if (shownRun.get() == null || !shownRun.get().id().equals(first.id())) {
            shownRun.set(first);
        }
        compareRun.set(second != null && !second.id().equals(first.id()) ? second : null);
    }

    /** Makes the run's model the one Classify uses (in this session and the next: the selection is saved). */
    public void useForClassify(RunRecord run) { runList.useForClassify(run); }

    /** Moves the run's folder into the dataset's trash; Classify lets go of its model if it used it. */
    public void delete(RunRecord run) { runList.delete(run); }

    /** Names the run as the user calls it (kept with the dataset's run history); a blank name gives back its own. */
    public void rename(RunRecord run, String name) { runList.rename(run, name); }

    /** Keeps an automatic run (or lets it go): kept ones stay when newer automatic runs come. */
    public void keep(RunRecord run, boolean keep) { runList.keep(run, keep); }

    /** What the run is called: the user's name for it, else what sets it apart from the other runs. */
    public String name(RunRecord run) { return runList.name(run); }

    /** The user's name for the run, or "" when it has none. */
    public String givenName(RunRecord run) { return runList.givenName(run); }

    public void export(RunRecord run, Path target) { runList.export(run, target); }

    /** Exports the run's model for another runtime ({@code format} as {@code Exporters} names it), as a job. */
    public void exportAs(RunRecord run, String format, Path target) { runList.exportAs(run, format, target); }

    public TrainSettings settings() { return settings; }
    public EvaluationModel evaluation() { return evaluation; }
    public BackboneModel backbones() { return backbones; }
    public ObservableList<EpochMetrics> metrics() { return progress.metrics(); }
    public ObservableList<EpochMetrics> compareMetrics() { return compareMetrics; }
    public ReadOnlyIntegerProperty bestEpochProperty() { return progress.bestEpochProperty(); }
    public ReadOnlyStringProperty stepProperty() { return progress.stepProperty(); }
    public ObservableList<RunRecord> runs() { return runList.runs(); }
    /** The runs Resume can continue, by id. */
    public ObservableSet<String> resumable() { return runList.resumable(); }
    /** Why Resume cannot continue a run that stopped early, by run id: the rest of a sentence saying "It …". */
    public ObservableMap<String, String> notResumable() { return runList.notResumable(); }
    /** The names users gave runs, by run id. */
    public ObservableMap<String, String> names() { return runList.names(); }
    public ObjectProperty<RunRecord> shownRunProperty() { return shownRun; }
    public ObjectProperty<RunRecord> compareRunProperty() { return compareRun; }
    /** The id of the run whose model Classify uses, or null (none, or a model chosen by hand). */
    public StringBinding classifyRunProperty() { return classifyRun; }
    public DatasetSession session() { return session; }
    public ReadOnlyBooleanProperty runningProperty() { return progress.runningProperty(); }
    public ReadOnlyStringProperty stageProperty() { return progress.stageProperty(); }
    public ReadOnlyStringProperty detailProperty() { return progress.detailProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.progressProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Puts a line in the pane's message. FX thread. */
    void say(String text) {
        message.set(text);
    }
}
