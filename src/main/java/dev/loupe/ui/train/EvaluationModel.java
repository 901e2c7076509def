package dev.loupe.ui.train;

import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.Misclassified;
import dev.loupe.engine.jobs.JobExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The evaluation of the shown run and what the user does with it: pick a confusion-matrix cell to see the images
 * labelled Y but predicted X, and move one to the right class through {@link DatasetEditor} (undoable). File work runs
 * on {@code io}; results come back through {@code fx}.
 */
public final class EvaluationModel {

    private final JobExecutor io;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<EvaluationReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper cell = new ReadOnlyStringWrapper("");
    private final ObservableList<Misclassified> cellImages = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private volatile DatasetEditor editor;
    private Path root;

    EvaluationModel(JobExecutor io, Executor fx) {
        this.io = io;
        this.fx = fx;
    }

    void open(Path root) {
        this.root = root;
        editor = null;
        canUndo.set(false);
        show(null);
    }

    void show(EvaluationReport r) {
        report.set(r);
        cell.set("");
        cellImages.clear();
        message.set("");
    }

    /** Shows the images labelled {@code actual} that the model predicted as {@code predicted}. */
    public void showCell(String actual, String predicted) {
        EvaluationReport r = report.get();
        if (r == null) {
            return;
        }
        cellImages.setAll(r.misclassified().stream()
                .filter(m -> m.actual().equals(actual) && m.predicted().equals(predicted)).toList());
        cell.set(actual.equals(predicted) ? actual + " recognised as " + actual + " (correct: no images listed)"
                : "Labelled " + actual + ", predicted " + predicted + ": " + cellImages.size());
    }

    /** Moves an image (path relative to the dataset) into {@code className}: relabelling, undoable. */
    public void move(String relativePath, String className) {
        Path dataset = root;
        if (dataset == null) {
            return;
        }
        io.submit("Move image", m -> editor(dataset).moveImages(List.of(relativePath), className))
                .result().whenComplete((edit, failure) -> fx.execute(() -> {
                    if (failure != null) {
                        message.set("Could not move " + relativePath + ": " + failure.getMessage());
                        return;
                    }
                    cellImages.removeIf(x -> x.relativePath().equals(relativePath));
                    canUndo.set(true);
                    message.set(edit.map(Edit::description).orElse("Already in " + className)
                            + " — retrain to see the effect (Edit › Undo reverts it)");
                }));
    }

    public void undo() {
        Path dataset = root;
        if (dataset == null) {
            return;
        }
        io.submit("Undo", m -> editor(dataset).undo()).result().whenComplete((edit, failure) -> fx.execute(() -> {
            message.set(failure != null ? "Could not undo: " + failure.getMessage()
                    : edit.map(e -> "Undid: " + e.description()).orElse("Nothing to undo"));
            canUndo.set(failure == null && editor != null && editor.nextUndo().isPresent());
        }));
    }

    private DatasetEditor editor(Path dataset) throws java.io.IOException {
        DatasetEditor e = editor;
        if (e == null || !e.root().equals(dataset.toAbsolutePath().normalize())) {
            e = DatasetEditor.shared(dataset);
            editor = e;
        }
        return e;
    }

    /** The image file of a misclassified entry. */
    public Optional<Path> file(Misclassified m) {
        return Optional.ofNullable(root).map(r -> r.resolve(m.relativePath()));
    }

    public ReadOnlyObjectProperty<EvaluationReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ReadOnlyStringProperty cellProperty() { return cell.getReadOnlyProperty(); }
    public ObservableList<Misclassified> cellImages() { return cellImages; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }
}
