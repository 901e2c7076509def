package dev.loupe.ui.train;

import dev.loupe.engine.dataset.DatasetPaths;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.Misclassified;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.EditHistory;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The evaluation of the shown run and what the user does with it: pick a confusion-matrix cell to see the images
 * labelled Y but predicted X, and move one to the right class through {@link DatasetEditor}. Undo and Redo walk the
 * dataset's history, as in the other panes ({@link EditHistory}). File work runs on {@code io}; results come back
 * through {@code fx}.
 */
public final class EvaluationModel {

    private final DatasetSession session;
    private final JobExecutor io;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<EvaluationReport> report = new ReadOnlyObjectWrapper<>();
    /** The shown run's model, whose heat maps explain its mistakes; null when it has none. */
    private final ReadOnlyObjectWrapper<Path> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper cell = new ReadOnlyStringWrapper("");
    private final ObservableList<Misclassified> cellImages = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final EditHistory history;
    private final Path root;
    /** The confusion-matrix cell shown, or null. */
    private String shownActual;
    private String shownPredicted;

    EvaluationModel(DatasetSession session, JobExecutor io) {
        this.session = session;
        this.root = session.root();
        this.io = io;
        this.fx = session.fx();
        this.history = new EditHistory(session, io, message::set);
        // An image moved back (or again) joins (or leaves) the cell's list.
        history.onUndone(edit -> showAgain());
        history.onRedone(edit -> showAgain());
        history.refresh();
    }

    /** Reads the Undo and Redo states again, e.g. when the pane is shown after another pane edited. */
    void refreshHistory() {
        history.refresh();
    }

    void show(EvaluationReport r) {
        show(r, null);
    }

    /** Shows a run's evaluation; {@code runModel} is its model file (null: none), for the heat maps. */
    void show(EvaluationReport r, Path runModel) {
        report.set(r);
        shownActual = null;
        shownPredicted = null;
        cell.set("");
        cellImages.clear();
        message.set("");
        model.set(runModel);
    }

    /**
     * Shows the images labelled {@code actual} that the model predicted as {@code predicted}, as long as they are
     * still where the run saw them (an image moved to another class since is not listed).
     */
    public void showCell(String actual, String predicted) {
        EvaluationReport r = report.get();
        if (r == null) {
            return;
        }
        shownActual = actual;
        shownPredicted = predicted;
        cellImages.setAll(r.misclassified().stream()
                .filter(m -> m.actual().equals(actual) && m.predicted().equals(predicted))
                .filter(m -> file(m).filter(Files::exists).isPresent()).toList());
        cell.set(actual.equals(predicted) ? actual + " recognised as " + actual + " (correct: no images listed)"
                : "Labelled " + actual + ", predicted " + predicted + ": " + cellImages.size());
    }

    /** Moves an image (path relative to the dataset) into {@code className}: relabelling, undoable. */
    public void move(String relativePath, String className) {
        session.edit("Move image", m -> session.editor().moveImages(List.of(relativePath), className))
                .result().whenComplete((edit, failure) -> fx.execute(() -> {
                    if (failure != null) {
                        message.set("Could not move " + relativePath + ": " + Failures.describe(failure));
                        return;
                    }
                    cellImages.removeIf(x -> x.relativePath().equals(relativePath));
                    history.refresh();
                    message.set(edit.map(Edit::description).orElse("Already in " + className)
                            + " — retrain to see the effect (Edit › Undo reverts it)");
                }));
    }

    public void undo() {
        history.undo();
    }

    private void showAgain() {
        if (shownActual != null) {
            showCell(shownActual, shownPredicted);
        }
    }

    public void redo() {
        history.redo();
    }

    /**
     * The image file of a misclassified entry; empty when its path (read from the run's record in .loupe, which a
     * received dataset may have crafted) would lead outside the dataset.
     */
    public Optional<Path> file(Misclassified m) {
        return DatasetPaths.inside(root, m.relativePath());
    }

    public ReadOnlyObjectProperty<EvaluationReport> reportProperty() { return report.getReadOnlyProperty(); }
    /** The model of the run whose evaluation is shown (it made these mistakes), or null. */
    public ReadOnlyObjectProperty<Path> modelProperty() { return model.getReadOnlyProperty(); }
    public ReadOnlyStringProperty cellProperty() { return cell.getReadOnlyProperty(); }
    public ObservableList<Misclassified> cellImages() { return cellImages; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canUndoProperty() { return history.canUndoProperty(); }
    public ReadOnlyBooleanProperty canRedoProperty() { return history.canRedoProperty(); }
}
