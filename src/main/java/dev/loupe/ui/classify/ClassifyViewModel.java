package dev.loupe.ui.classify;

import dev.loupe.ui.common.LatestRequest;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.edit.AddResult;
import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.inference.ImageInputs;
import dev.loupe.engine.inference.Prediction;
import dev.loupe.engine.inference.PredictionWriter;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
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
 * runs on the studio's compute queue ({@link ClassifyMap}, whose partial layouts {@link #poll()} drains from the
 * view's Timeline); {@link ModelChoice} reads the model for the chip and goes back to the previous one when it is
 * refused as damaged. Edits (Add to class, the map's lasso relabel) go through the dataset's one undo history.
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
    private final ClassifyMap maps;
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** Test-time augmentation for the next classification: each photo and its mirror, averaged. */
    private final BooleanProperty mirror = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    /** A new drop wins over the classification before it. */
    private final LatestRequest classifying;
    private final Relabeller relabeller;
    private final EditHistory history;
    /** Photos this pane added, and where they went (relative to the dataset): a photo is added once. */
    private final java.util.Map<Path, String> added = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Lists the session's classes and reads its history at once; the map is made when the pane is first shown
     * ({@link #setActive}), since it extracts the features of the whole dataset.
     */
    public ClassifyViewModel(DatasetSession session, JobExecutor classifyJobs, ClassifyBackend backend) {
        this.session = session;
        this.classifyJobs = classifyJobs;
        this.fx = session.fx();
        this.classifying = new LatestRequest(fx);
        this.backend = backend;
        this.model = session.classifyModelProperty();
        this.maps = new ClassifyMap(this, classifyJobs, backend);
        this.history = new EditHistory(session, classifyJobs, message::set);
        this.relabeller = new Relabeller(maps.scatterProperty(), session, message, history::refresh);
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
        DatasetMap placeOn = maps.current();
        boolean mirror = this.mirror.get();
        maps.supersedePlacement(); // a placement of the results this replaces must not come back over them
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
            if (maps.current() != placeOn) {
                maps.placeResults(); // the map finished while this ran
            }
        });
    }


    /**
     * Whether the pane is on screen. The map extracts features of the whole dataset, so while the pane is hidden it
     * is only marked stale and computed when the pane is shown (not at studio start-up, behind the user's back).
     */
    public void setActive(boolean shown) {
        if (shown) {
            history.refresh(); // another pane may have edited or undone since
        }
        maps.setActive(shown);
    }

    /** Files changed outside: the map places added images and drops removed ones (see {@link ClassifyMap#update}). */
    void updateMap() { maps.update(); }

    /** (Re)computes the dataset map in the background; partial layouts stream in through {@link #poll()}. */
    public void computeMap() { maps.compute(); }

    public void cancelMap() { maps.cancel(); }

    /** Drains the map job: the newest partial layout (older ones are skipped) and its progress. FX thread. */
    public void poll() { maps.poll(); }

    /** The map job found the model damaged: Classify goes back to the model it used before. */
    void refuse(Path file, Throwable error) {
        models.refuse(file, error);
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
    public ObjectProperty<ScatterData> scatterProperty() { return maps.scatterProperty(); }
    Relabeller relabeller() { return relabeller; }
    public BooleanProperty mappingProperty() { return maps.mappingProperty(); }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty mirrorProperty() { return mirror; }
    public DoubleProperty mapProgressProperty() { return maps.mapProgressProperty(); }
    public StringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty canUndoProperty() { return history.canUndoProperty(); }
    public ReadOnlyBooleanProperty canRedoProperty() { return history.canRedoProperty(); }
}
