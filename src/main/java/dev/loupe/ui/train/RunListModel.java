package dev.loupe.ui.train;

import dev.loupe.engine.export.ExportJob;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.ui.common.DatasetSession;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The Train pane's run history, the state behind {@link RunList}: the runs with their names and whether Resume can
 * continue them, read on {@code io} (the pane's history queue, which must not wait behind training), and the list's
 * actions (use for Classify, delete, rename, keep, export). Each action reads the history again afterwards; what it
 * did, or why it failed, goes to the {@link TrainViewModel}'s message.
 */
final class RunListModel {

    private final TrainViewModel vm;
    private final DatasetSession session;
    private final JobExecutor io;
    private final Executor fx;
    private final TrainServices services;
    private final TrainSettings settings;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableMap<String, String> names = FXCollections.observableHashMap();
    /** The ids of the fine-tuning runs that ended early with a checkpoint: Resume continues them. */
    private final ObservableSet<String> resumable = FXCollections.observableSet();
    /**
     * Why Resume cannot continue a run that stopped early (a head trained alone, a fine-tuning run stopped before
     * its first epoch ended), by run id: the run's summary says so rather than leave a greyed Resume unexplained.
     */
    private final ObservableMap<String, String> notResumable = FXCollections.observableHashMap();

    RunListModel(TrainViewModel vm, JobExecutor io, TrainServices services) {
        this.vm = vm;
        this.session = vm.session();
        this.io = io;
        this.fx = session.fx();
        this.services = services;
        this.settings = vm.settings();
    }

    /**
     * The job's run, recorded as running: its row shows it so (a fresh run gets one, a resumed run's row no longer
     * says how it ended). The history read once the job ends replaces the row with the run as it ended.
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
    }

    /**
     * Reads the history on {@code io}; then shows the run {@code showId}, or the newest when {@code newest} (and no
     * {@code showId} is found); {@code loadSettings} puts the newest run's settings in the form (on opening).
     */
    void reload(String showId, boolean newest, boolean loadSettings) {
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
                vm.say("Could not read the run history: " + Failures.describe(failure));
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
                vm.loadSettings(saved);
            }
            RunRecord pick = list.stream().filter(r -> r.id().equals(showId)).findFirst()
                    .orElse(newest ? list.stream().findFirst().orElse(null) : null);
            if (pick != null) {
                vm.showRead(pick);
            }
        }));
    }

    /** The settings saved with the dataset, or null: a damaged file only costs the user their last changes. */
    private TrainingConfig savedSettings() {
        try {
            return session.runs().nextSettings().orElse(null);
        } catch (java.io.IOException | RuntimeException e) {
            LoggerFactory.getLogger(RunListModel.class).warn("Ignoring the saved training settings: {}",
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

    /** Makes the run's model the one Classify uses (in this session and the next: the selection is saved). */
    void useForClassify(RunRecord run) {
        historyAction(run, "Use run", h -> h.select(run.id()), "Classify now uses run " + run.id(),
                () -> session.classifyModelProperty().set(session.runs().modelPath(run.id())));
    }

    /** Moves the run's folder into the dataset's trash; Classify lets go of its model if it used it. */
    void delete(RunRecord run) {
        historyAction(run, "Delete run", h -> h.delete(run.id()), "Moved run " + run.id() + " to .loupe/trash/runs",
                () -> {
                    if (run.id().equals(vm.classifyRunProperty().get())) {
                        session.classifyModelProperty().set(null);
                    }
                });
    }

    /** Names the run as the user calls it (kept with the dataset's run history); a blank name gives back its own. */
    void rename(RunRecord run, String name) {
        historyAction(run, "Rename run", h -> h.rename(run.id(), name),
                name == null || name.isBlank() ? "Run " + run.id() + " is named by its settings again"
                        : "Renamed run " + run.id() + " to " + name.strip(), () -> { });
    }

    /** Keeps an automatic run (or lets it go): kept ones stay when newer automatic runs come. */
    void keep(RunRecord run, boolean keep) {
        historyAction(run, keep ? "Keep run" : "Let run go", h -> h.keep(run.id(), keep), keep
                ? "Run " + run.id() + " is kept" : "Run " + run.id() + " goes when a newer automatic run comes",
                () -> { });
    }

    /** What the run is called: the user's name for it, else what sets it apart from the other runs. */
    String name(RunRecord run) {
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
    String givenName(RunRecord run) {
        return names.getOrDefault(run.id(), "");
    }

    void export(RunRecord run, Path target) {
        historyAction(run, "Export model", h -> h.export(run.id(), target), "Exported the model to " + target,
                () -> { });
    }

    /**
     * Exports the run's model for another runtime ({@code format} as {@code Exporters} names it) on the studio's job
     * queue: loading the backbone takes seconds and must not hold up the history's queue.
     */
    void exportAs(RunRecord run, String format, Path target) {
        if (run == null) {
            return;
        }
        Path model = session.runs().modelPath(run.id());
        vm.say("Exporting run " + run.id() + " (" + format + ")…");
        // The backbone list is read in the job: one imported since the pane opened is found.
        session.compute("Export " + format, m -> {
            var written = ExportJob.of(model, format, target, services.backboneJobs().reload()).run(m);
            m.outcome("Exported run " + run.id() + " to " + written.path());
            return written;
        }).result()
                .whenComplete((r, failure) -> fx.execute(() -> vm.say(failure != null
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
            vm.say(failure != null ? name + " failed: " + Failures.describe(failure) : text);
            if (failure == null) {
                then.run();
            }
            RunRecord shown = vm.shownRunProperty().get();
            reload(shown == null ? null : shown.id(), false, false);
        }));
    }

    ObservableList<RunRecord> runs() { return runs; }
    ObservableSet<String> resumable() { return resumable; }
    ObservableMap<String, String> notResumable() { return notResumable; }
    ObservableMap<String, String> names() { return names; }
}
