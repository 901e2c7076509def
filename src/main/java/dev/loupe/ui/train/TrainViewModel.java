package dev.loupe.ui.train;

import dev.loupe.engine.export.ExportJob;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The Train pane's state for one dataset session, without a Node. Retrain submits a job to the studio's compute queue
 * through the session (closing the session cancels it); {@link TrainProgress} follows it into the stage line and the
 * charts' {@link #metrics()} on each {@link #poll()} (a 250 ms timeline in the pane, a direct call in tests).
 * History work (list, select, delete, export) runs on {@code io}, a queue of its own: it must not wait behind training.
 */
public final class TrainViewModel {

    private final DatasetSession session;
    private final Path root;
    private final JobExecutor io;
    private final Executor fx;
    private final TrainServices services;
    private final TrainSettings settings;
    private final EvaluationModel evaluation;
    private final BackboneModel backbones;
    private final TrainProgress progress;
    private final ObservableList<EpochMetrics> compareMetrics = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableMap<String, String> names = FXCollections.observableHashMap();
    /** The ids of the fine-tuning runs that ended early with a checkpoint: Resume continues them. */
    private final ObservableSet<String> resumable = FXCollections.observableSet();
    /**
     * Why Resume cannot continue a run that stopped early (a head trained alone, a fine-tuning run stopped before
     * its first epoch ended), by run id: the run's summary says so rather than leave a greyed Resume unexplained.
     */
    private final ObservableMap<String, String> notResumable = FXCollections.observableHashMap();
    private final ObjectProperty<RunRecord> shownRun = new SimpleObjectProperty<>();
    private final ObjectProperty<RunRecord> compareRun = new SimpleObjectProperty<>();
    private final StringBinding classifyRun;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private boolean loadingSettings;

    /** Reads the session's run history at once and shows its newest run. */
    public TrainViewModel(DatasetSession session, TrainServices services) {
        this.session = session;
        this.root = session.root();
        this.io = session.queue("train");
        this.fx = session.fx();
        this.services = services;
        this.settings = new TrainSettings(services.backbones());
        this.evaluation = new EvaluationModel(session, io);
        this.backbones = new BackboneModel(session, settings, services.backboneJobs());
        this.progress = new TrainProgress(this, session, services);
        new FineTuneCheck(settings, io, fx);
        // The star follows the model Classify uses, whichever pane chose it.
        this.classifyRun = Bindings.createStringBinding(() -> runOf(session.classifyModelProperty().get()),
                session.classifyModelProperty());
        shownRun.addListener((o, was, now) -> show(now));
        // A run made elsewhere (the inbox's automatic retrain in Curate) becomes the selected one: read the history
        // again, so the list shows it and no longer the older automatic runs it replaced.
        session.classifyModelProperty().addListener((o, was, now) -> {
            String id = runOf(now);
            if (id != null && runs.stream().noneMatch(r -> r.id().equals(id))) {
                RunRecord shown = shownRun.get();
                reloadHistory(shown == null ? null : shown.id(), false, false);
            }
        });
        compareRun.addListener((o, was, now) -> compareMetrics.setAll(now == null ? List.of() : now.history()));
        reloadHistory(null, true, true);
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
        if (progress.isRunning() || run == null || !resumable.contains(run.id())) {
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
    public void cancel() {
        progress.cancel();
    }

    /** One tick of the pane's timer: the job's stage and new epochs; when it ends, the history again. */
    public void poll() {
        progress.poll();
    }

    /** The training job ended ({@code result}: the run it recorded if it succeeded, else null). */
    void jobEnded(RunRecord result) {
        if (result != null && result.hasModel()) {
            // The finished run is now the dataset's selected one (TrainJob selects it): Classify follows.
            session.classifyModelProperty().set(session.runs().modelPath(result.id()));
        }
        // The job's run stays shown however it ended (a resumed run cancelled again is not the newest).
        RunRecord ran = shownRun.get();
        reloadHistory(result != null ? result.id() : ran != null ? ran.id() : null, true, false);
    }

    /**
     * The job's run, recorded as running: its row shows it so (a fresh run gets one, a resumed run's row no longer
     * says how it ended) and is the selected one, while the charts keep the live epochs ({@link TrainProgress#show}
     * leaves them while a job runs). The history read once the job ends replaces the row with the run as it ended.
     */
    void showRunning(RunRecord run) {
        resumable.remove(run.id());
        notResumable.remove(run.id());
        int at = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).id().equals(run.id())) {
                at = i;
            }
        }
        if (at >= 0) {
            runs.set(at, run);
        } else {
            runs.add(0, run); // the newest run: the list is newest first
        }
        publishNames();
        compareRun.set(null);
        shownRun.set(run);
    }

    /**
     * Reads the history on {@code io}; then shows the run {@code showId}, or the newest when {@code newest} (and no
     * {@code showId} is found); {@code loadSettings} puts the newest run's settings in the form (on opening).
     */
    private void reloadHistory(String showId, boolean newest, boolean loadSettings) {
        io.submit("Read run history", m -> {
            List<RunRecord> list = session.runs().list();
            Map<String, String> why = new HashMap<>();
            for (RunRecord r : list) {
                if (r.state() != RunState.RUNNING && r.state() != RunState.FINISHED) {
                    session.runs().whyNotResumable(r).ifPresent(w -> why.put(r.id(), w));
                }
            }
            return new History(list, session.runs().names(), loadSettings ? savedSettings() : null,
                    list.stream().filter(session.runs()::resumable).map(RunRecord::id).collect(Collectors.toSet()),
                    why);
        }).result()
                .whenComplete((history, failure) -> fx.execute(() -> {
            if (failure != null) {
                message.set("Could not read the run history: " + Failures.describe(failure));
                return;
            }
            List<RunRecord> list = history.runs();
            names.clear(); // before the runs, so that their rows are drawn with their names
            names.putAll(history.names());
            resumable.retainAll(history.resumable());
            resumable.addAll(history.resumable());
            notResumable.clear();
            notResumable.putAll(history.notResumable());
            runs.setAll(list);
            publishNames();
            TrainingConfig saved = history.settings() != null ? history.settings()
                    : list.isEmpty() ? null : list.get(0).config();
            if (loadSettings && saved != null) {
                loadingSettings = true;
                settings.load(saved);
                loadingSettings = false;
            }
            RunRecord pick = list.stream().filter(r -> r.id().equals(showId)).findFirst()
                    .orElse(newest ? list.stream().findFirst().orElse(null) : null);
            if (pick != null && !progress.isRunning()) {
                shownRun.set(pick);
            }
        }));
    }

    /** The settings saved with the dataset, or null: a damaged file only costs the user their last changes. */
    private TrainingConfig savedSettings() {
        try {
            return session.runs().nextSettings().orElse(null);
        } catch (java.io.IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TrainViewModel.class).warn("Ignoring the saved training settings: {}",
                    Failures.describe(e));
            return null;
        }
    }

    /**
     * The runs, the settings saved for the next one (or null), the runs Resume can continue, and why it cannot
     * continue the others that stopped early.
     */
    private record History(List<RunRecord> runs, Map<String, String> names, TrainingConfig settings,
                           Set<String> resumable, Map<String, String> notResumable) {
    }

    private void show(RunRecord run) {
        progress.show(run, run == null ? null : notResumable.get(run.id()));
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
    public void useForClassify(RunRecord run) {
        historyAction(run, "Use run", h -> h.select(run.id()), "Classify now uses run " + run.id(),
                () -> session.classifyModelProperty().set(session.runs().modelPath(run.id())));
    }

    /** Moves the run's folder into the dataset's trash; Classify lets go of its model if it used it. */
    public void delete(RunRecord run) {
        historyAction(run, "Delete run", h -> h.delete(run.id()), "Moved run " + run.id() + " to .loupe/trash/runs",
                () -> {
                    if (run.id().equals(classifyRun.get())) {
                        session.classifyModelProperty().set(null);
                    }
                });
    }

    /** Names the run as the user calls it (kept with the dataset's run history); a blank name gives back its own. */
    public void rename(RunRecord run, String name) {
        historyAction(run, "Rename run", h -> h.rename(run.id(), name),
                name == null || name.isBlank() ? "Run " + run.id() + " is named by its settings again"
                        : "Renamed run " + run.id() + " to " + name.strip(), () -> { });
    }

    /** Keeps an automatic run (or lets it go): kept ones stay when newer automatic runs come. */
    public void keep(RunRecord run, boolean keep) {
        historyAction(run, keep ? "Keep run" : "Let run go", h -> h.keep(run.id(), keep), keep
                ? "Run " + run.id() + " is kept" : "Run " + run.id() + " goes when a newer automatic run comes",
                () -> { });
    }

    /** What the run is called: the user's name for it, else what sets it apart from the other runs. */
    public String name(RunRecord run) {
        String given = names.get(run.id());
        // The backbone's short name ("MobileNet v1 0.75"): the full one did not fit the run list's column.
        return given != null ? given
                : RunNames.of(run, runs, id -> BackbonePicker.shortName(settings.displayName(id)));
    }

    /** Tells the session what each run is called here, for Classify's model chip; only changed names change. */
    private void publishNames() {
        Map<String, String> now = new HashMap<>();
        runs.forEach(r -> now.put(r.id(), name(r)));
        session.runNames().keySet().retainAll(now.keySet());
        session.runNames().putAll(now);
    }

    /** The user's name for the run, or "" when it has none. */
    public String givenName(RunRecord run) {
        return names.getOrDefault(run.id(), "");
    }

    public void export(RunRecord run, Path target) {
        historyAction(run, "Export model", h -> h.export(run.id(), target), "Exported the model to " + target,
                () -> { });
    }

    /**
     * Exports the run's model for another runtime ({@code format} as {@code Exporters} names it) on the studio's job
     * queue: loading the backbone takes seconds and must not hold up the history's queue.
     */
    public void exportAs(RunRecord run, String format, Path target) {
        if (run == null) {
            return;
        }
        Path model = session.runs().modelPath(run.id());
        message.set("Exporting run " + run.id() + " (" + format + ")…");
        // The backbone list is read in the job: one imported since the pane opened is found.
        session.compute("Export " + format, m -> {
            var written = ExportJob.of(model, format, target, services.backboneJobs().reload()).run(m);
            m.outcome("Exported run " + run.id() + " to " + written.path());
            return written;
        }).result()
                .whenComplete((r, failure) -> fx.execute(() -> message.set(failure != null
                        ? "Export failed: " + Failures.describe(failure)
                        : "Exported run " + run.id() + " to " + r.path() + ": " + r.usage().summary() + ". "
                                + String.join(" ", r.usage().lines()))));
    }

    private interface HistoryAction {
        void run(RunHistory history) throws Exception;
    }

    private void historyAction(RunRecord run, String name, HistoryAction action, String done, Runnable then) {
        if (run == null) {
            return;
        }
        io.submit(name, m -> {
            action.run(session.runs());
            return done;
        }).result().whenComplete((text, failure) -> fx.execute(() -> {
            message.set(failure != null ? name + " failed: " + Failures.describe(failure) : text);
            if (failure == null) {
                then.run();
            }
            RunRecord shown = shownRun.get();
            reloadHistory(shown == null ? null : shown.id(), false, false);
        }));
    }

    public TrainSettings settings() { return settings; }
    public EvaluationModel evaluation() { return evaluation; }
    public BackboneModel backbones() { return backbones; }
    public ObservableList<EpochMetrics> metrics() { return progress.metrics(); }
    public ObservableList<EpochMetrics> compareMetrics() { return compareMetrics; }
    public ReadOnlyIntegerProperty bestEpochProperty() { return progress.bestEpochProperty(); }
    public ReadOnlyStringProperty stepProperty() { return progress.stepProperty(); }
    public ObservableList<RunRecord> runs() { return runs; }
    /** The runs Resume can continue, by id. */
    public ObservableSet<String> resumable() { return resumable; }
    /** Why Resume cannot continue a run that stopped early, by run id: the rest of a sentence saying "It …". */
    public ObservableMap<String, String> notResumable() { return notResumable; }
    /** The names users gave runs, by run id. */
    public ObservableMap<String, String> names() { return names; }
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
