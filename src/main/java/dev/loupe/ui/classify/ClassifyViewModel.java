package dev.loupe.ui.classify;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.ui.common.LatestRequest;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.edit.AddResult;
import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.embedding.MapSamples;
import dev.loupe.engine.embedding.TsneLayout;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.inference.ImageInputs;
import dev.loupe.engine.inference.Prediction;
import dev.loupe.engine.inference.PredictionWriter;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobSnapshot;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.util.OutputGuard;
import dev.loupe.ui.common.EditHistory;
import dev.loupe.engine.util.Plurals;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The Classify pane's state and actions for one dataset session, without a Node. The model is the session's (the
 * dataset's selected run, or one chosen by hand for this session), so a model never follows the user to another
 * dataset. Classification runs on the pane's own queue so a dropped photo is answered while a long map job waits or
 * runs on the studio's compute queue; the map's partial layouts are drained by {@link #poll()}, which the view calls
 * from a Timeline (never one runLater per t-SNE iteration).
 */
public final class ClassifyViewModel {

    static final int TOP_K = 3;
    static final int NEIGHBOURS = 8;

    private final DatasetSession session;
    private final JobExecutor classifyJobs;
    private final Executor fx;
    private final ClassifyBackend backend;
    private final ObjectProperty<Path> model;
    private final ModelChoice models;
    private final ObjectProperty<ClassifiedImage> current = new SimpleObjectProperty<>();
    private final ObservableList<ClassifiedImage> results = FXCollections.observableArrayList();
    private final ObservableList<String> classes = FXCollections.observableArrayList();
    private final ObjectProperty<ScatterData> scatter = new SimpleObjectProperty<>();
    private final BooleanProperty mapping = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** Test-time augmentation for the next classification: each photo and its mirror, averaged. */
    private final BooleanProperty mirror = new SimpleBooleanProperty();
    private final DoubleProperty mapProgress = new SimpleDoubleProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");
    /** A new drop wins over the classification before it; a new placement over the one before it. */
    private final LatestRequest classifying;
    private final LatestRequest placing;
    private DatasetMap map;
    private JobHandle<DatasetMap> mapJob;
    private final Relabeller relabeller;
    private final EditHistory history;
    /** Photos this pane added, and where they went (relative to the dataset): a photo is added once. */
    private final java.util.Map<Path, String> added = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean active;
    private boolean mapStale = true;
    /** Files changed since the map was made: placed on it when the pane is next shown. */
    private boolean mapOutdated;
    private JobHandle<DatasetMap> updateJob;

    /**
     * Lists the session's classes and reads its history at once; the map is made when the pane is first shown
     * ({@link #setActive}), since it extracts the features of the whole dataset.
     */
    public ClassifyViewModel(DatasetSession session, JobExecutor classifyJobs, ClassifyBackend backend) {
        this.session = session;
        this.classifyJobs = classifyJobs;
        this.fx = session.fx();
        this.classifying = new LatestRequest(fx);
        this.placing = new LatestRequest(fx);
        this.backend = backend;
        this.model = session.classifyModelProperty();
        this.history = new EditHistory(session, classifyJobs, message::set);
        this.relabeller = new Relabeller(scatter, session, message, history::refresh);
        history.onUndone(relabeller::undone);
        history.onRedone(relabeller::redone);
        this.models = new ModelChoice(this, classifyJobs, backend);
        history.refresh();
        session.onOutsideChange(this::updateMap);
        Path root = session.root();
        classifyJobs.submit("Scan " + session.name(), m -> new DatasetScanner().scan(root).classes())
                .result().thenAccept(list -> fx.execute(() -> classes.setAll(list)));
    }

    /** Classifies files and folders: one photo becomes the current result, several fill the table too. */
    public void classify(List<Path> inputs) {
        Path m = model.get();
        if (m == null) {
            message.set("Choose a model first (Choose model…)");
            return;
        }
        busy.set(true);
        message.set("Classifying…");
        DatasetMap placeOn = map;
        boolean mirror = this.mirror.get();
        placing.supersede(); // a placement of the results this replaces must not come back over them
        classifying.submit(classifyJobs, "Classify images", mon -> {
            List<Path> files = ImageInputs.expand(inputs);
            List<ClassifiedImage> found = new ArrayList<>();
            for (ClassifyBackend.Classified c : backend.classify(m, files, TOP_K, mirror, mon)) {
                found.add(new ClassifiedImage(c.prediction(), c.features()));
            }
            return MapPlacement.placeAll(placeOn, found, mon);
        }, (shown, error) -> {
            busy.set(false);
            if (error != null) {
                message.set("Could not classify: " + Failures.describe(error));
                return;
            }
            results.setAll(shown);
            current.set(shown.isEmpty() ? null : shown.get(0));
            long failed = shown.stream().filter(c -> !c.prediction().ok()).count();
            message.set(shown.isEmpty() ? "No images in what was dropped"
                    : Plurals.of(shown.size(), "image") + " classified"
                    + (failed > 0 ? " (" + failed + " unreadable)" : ""));
            if (map != placeOn) {
                placeResults(); // the map finished while this ran
            }
        });
    }

    /** Places the shown results on the current map, in a job; a newer classification or map wins. FX thread. */
    private void placeResults() {
        DatasetMap placeOn = map;
        List<ClassifiedImage> shown = List.copyOf(results);
        if (placeOn == null || shown.isEmpty()) {
            return;
        }
        ClassifiedImage selected = current.get();
        placing.submit(classifyJobs, "Place results", mon -> MapPlacement.placeAll(placeOn, shown, mon),
                (placed, error) -> {
                    if (placed != null && placeOn == map) {
                        results.setAll(placed);
                        int at = shown.indexOf(selected);
                        current.set(at >= 0 ? placed.get(at) : placed.isEmpty() ? null : placed.get(0));
                    }
                });
    }

    /**
     * Whether the pane is on screen. The map extracts features of the whole dataset, so while the pane is hidden it
     * is only marked stale and computed when the pane is shown (not at studio start-up, behind the user's back).
     */
    public void setActive(boolean shown) {
        active = shown;
        if (shown) {
            history.refresh(); // another pane may have edited or undone since
        }
        if (shown && mapStale) {
            computeMap();
        } else if (shown && mapOutdated) {
            updateMap();
        }
    }

    /**
     * Places images added since the map was made among their neighbours and drops removed ones, without a new t-SNE
     * (a minute at 70,000 images, and every point would move); the message says the map is approximate until the
     * user maps the dataset again. FX thread, on the folder watcher's change events.
     */
    void updateMap() {
        DatasetMap old = map;
        if (old == null) {
            return; // the first map will see the files as they are
        }
        if (!active || mapJob != null || updateJob != null) {
            mapOutdated = true; // done when shown, or when the running job ends
            return;
        }
        mapOutdated = false;
        Path root = session.root();
        JobHandle<DatasetMap> job = session.compute("Update map " + session.name(),
                mon -> backend.updateMap(old, root, mon));
        updateJob = job;
        job.result().whenComplete((done, error) -> fx.execute(() -> {
            updateJob = null;
            if (map != old) {
                return; // a full map was made meanwhile
            }
            if (error != null) {
                if (job.state() != JobState.CANCELLED) {
                    message.set("Could not update the map: " + Failures.describe(error));
                }
                return;
            }
            map = done;
            message.set(mapMessage(done));
            scatter.set(scatterOf(done.samples(), done.layout()));
            if (mapOutdated) {
                updateMap();
            }
        }));
    }

    static String mapMessage(DatasetMap done) {
        if (!done.approximate()) {
            return "Map of " + Plurals.of(done.size(), "image") + " ready";
        }
        return "Map of " + Plurals.of(done.size(), "image") + ": " + Plurals.of(done.placed(), "new image")
                + " placed among neighbours, approximate until you map the dataset again";
    }

    /** (Re)computes the dataset map in the background; partial layouts stream in through {@link #poll()}. */
    public void computeMap() {
        Path root = session.root();
        if (!active) {
            mapStale = true;
            return;
        }
        mapStale = false;
        cancelMap();
        Path m = model.get();
        JobHandle<DatasetMap> job = session.compute("Map " + session.name(), mon -> backend.map(root, m, mon));
        mapJob = job;
        mapping.set(true);
        mapProgress.set(-1);
        job.result().whenComplete((done, error) -> fx.execute(() -> {
            if (job != mapJob) {
                return;
            }
            mapping.set(false);
            mapJob = null;
            if (error != null && m != null && m.equals(model.get()) && ModelChoice.damaged(error)) {
                models.refuse(m, error);
                if (map == null) {
                    computeMap();
                }
                return;
            }
            if (error != null) {
                message.set(job.state() == JobState.CANCELLED ? "Map cancelled"
                        : "Could not map the dataset: " + Failures.describe(error));
                return;
            }
            map = done;
            message.set(mapMessage(done));
            scatter.set(scatterOf(done.samples(), done.layout()));
            if (!busy.get()) {
                placeResults();
            }
            if (mapOutdated) {
                updateMap(); // files changed while it was made
            }
        }));
    }

    public void cancelMap() {
        if (mapJob != null) {
            mapJob.cancel();
        }
    }

    /** Drains the map job: the newest partial layout (older ones are skipped) and its progress. FX thread. */
    public void poll() {
        JobHandle<DatasetMap> job = mapJob;
        if (job == null) {
            return;
        }
        JobSnapshot s = job.snapshot();
        mapProgress.set(s.fraction());
        if (!s.stage().isEmpty()) {
            message.set(s.stage() + (s.status().isEmpty() ? "" : ": " + s.status()));
        }
        TsneLayout newest = null;
        for (Partial partial : job.drainPartials()) {
            if (partial instanceof MapSamples samples) {
                scatter.set(scatterOf(samples.samples(), zeros(samples.samples().size())));
            } else if (partial instanceof TsneLayout layout) {
                newest = layout; // only the latest is worth drawing
            }
        }
        ScatterData base = scatter.get();
        if (newest != null && base != null && base.size() == newest.size()) {
            scatter.set(base.withLayout(newest));
        }
    }

    private static TsneLayout zeros(int n) {
        return new TsneLayout(0, 1, new float[n], new float[n]);
    }

    private static ScatterData scatterOf(List<Sample> samples, TsneLayout layout) {
        List<String> names = new ArrayList<>();
        int[] classOf = new int[samples.size()];
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            String label = samples.get(i).image().label();
            int c = names.indexOf(label);
            if (c < 0) {
                names.add(label);
                c = names.size() - 1;
            }
            classOf[i] = c;
            files.add(samples.get(i).image().file());
        }
        return new ScatterData(names, classOf, files, layout);
    }

    /** Copies the photo into {@code className} in the dataset (undoable): the user confirmed or corrected the label. */
    public void addToClass(ClassifiedImage image, String className) {
        if (image == null || className == null) {
            return;
        }
        Path root = session.root();
        Path source = image.file().toAbsolutePath().normalize();
        session.edit("Add to " + className, m -> {
            String already = AddedPhotos.alreadyIn(root, source, added.get(source));
            if (already != null) {
                return already;
            }
            AddResult result = session.editor().add(className, List.of(source), false);
            if (result.added().isEmpty()) {
                return "Nothing added";
            }
            added.put(source, result.added().get(0));
            return "Added " + result.added().get(0) + " (Undo to revert)";
        }).result().whenComplete((text, error) -> fx.execute(() -> {
            message.set(error != null ? "Could not add: " + Failures.describe(error) : text);
            history.refresh();
        }));
    }

    /**
     * Undoes the newest edit of the dataset's one history: this pane's "Add to class" or lasso relabel (whose colours
     * go back too), or an edit made in Curate.
     */
    public void undo() {
        history.undo();
    }

    /** Re-applies the newest undone edit (a relabel recolours the map again). */
    public void redo() {
        history.redo();
    }

    /** Writes the results table as CSV (same columns as {@code loupe classify --csv}). */
    public void exportCsv(Path file) {
        List<Prediction> rows = results.stream().map(ClassifiedImage::prediction).toList();
        List<Path> read = new ArrayList<>(rows.stream().map(Prediction::file).toList());
        if (model.get() != null) {
            read.add(model.get());
        }
        Path root = session.root();
        classifyJobs.submit("Export CSV", m -> {
            OutputGuard.check(file, read, root);
            AtomicFiles.writeString(file, PredictionWriter.csv(rows));
            return file;
        }).result().whenComplete((f, error) -> fx.execute(() -> message.set(error != null
                ? "Could not export: " + Failures.describe(error) : "Exported " + rows.size() + " results to " + f)));
    }

    public void select(ClassifiedImage image) {
        current.set(image);
    }

    /** The session's model: settable by whoever picks one (Choose model…, or the Train pane's run history). */
    public ObjectProperty<Path> modelProperty() { return model; }
    /** The model's name for the chip, once read; null while there is no model or it is being read. */
    public ObjectProperty<ModelInfo> modelInfoProperty() { return models.modelInfoProperty(); }
    /** Why the model does not fit this dataset (its classes differ), or "". */
    public StringBinding modelWarningProperty() { return models.modelWarningProperty(); }
    public DatasetSession session() { return session; }
    public ObjectProperty<ClassifiedImage> currentProperty() { return current; }
    public ObservableList<ClassifiedImage> results() { return results; }
    public ObservableList<String> classes() { return classes; }
    public ObjectProperty<ScatterData> scatterProperty() { return scatter; }
    Relabeller relabeller() { return relabeller; }
    public BooleanProperty mappingProperty() { return mapping; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty mirrorProperty() { return mirror; }
    public DoubleProperty mapProgressProperty() { return mapProgress; }
    public StringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty canUndoProperty() { return history.canUndoProperty(); }
    public ReadOnlyBooleanProperty canRedoProperty() { return history.canRedoProperty(); }
}
