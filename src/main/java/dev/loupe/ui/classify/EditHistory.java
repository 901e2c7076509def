package dev.loupe.ui.classify;

import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.jobs.JobExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Edit > Undo and Redo on the Classify pane. They walk the dataset's one history (the studio's panes share one
 * DatasetEditor per dataset), so Undo here can take back a move made in Curate as well as this pane's own "Add to
 * class" and lasso relabels. Whether there is anything to undo or redo is read off the FX thread, since the editor
 * holds its lock while it moves files.
 */
final class EditHistory {

    private final ObjectProperty<Path> dataset;
    private final DatasetEdits edits;
    private final JobExecutor jobs;
    private final Executor fx;
    private final StringProperty message;
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private Consumer<Edit> undone = edit -> { };
    private Consumer<Edit> redone = edit -> { };

    EditHistory(ObjectProperty<Path> dataset, DatasetEdits edits, JobExecutor jobs, Executor fx,
                StringProperty message) {
        this.dataset = dataset;
        this.edits = edits;
        this.jobs = jobs;
        this.fx = fx;
        this.message = message;
    }

    /** Told of each edit undone (or redone) here, e.g. to recolour the map after a relabel. FX thread. */
    void onUndone(Consumer<Edit> listener) { undone = listener; }

    void onRedone(Consumer<Edit> listener) { redone = listener; }

    void undo() {
        walk("Undo", DatasetEditor::undo, "Undone: ", "Nothing to undo", undone);
    }

    void redo() {
        walk("Redo", DatasetEditor::redo, "Redone: ", "Nothing to redo", redone);
    }

    /** Reads the history again: after an edit here, when the pane is shown, when the dataset changes. */
    void refresh() {
        Path root = dataset.get();
        if (root == null) {
            canUndo.set(false);
            canRedo.set(false);
            return;
        }
        jobs.submit("Read history", m -> {
            DatasetEditor e = edits.open(root);
            return new boolean[]{e.nextUndo().isPresent(), e.nextRedo().isPresent()};
        }).result().whenComplete((can, error) -> fx.execute(() -> {
            if (error == null && root.equals(dataset.get())) {
                canUndo.set(can[0]);
                canRedo.set(can[1]);
            }
        }));
    }

    ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }

    ReadOnlyBooleanProperty canRedoProperty() { return canRedo.getReadOnlyProperty(); }

    /** One step back or forward; the dataset's editor is opened if this pane has not edited yet. */
    private interface Step {
        Optional<Edit> apply(DatasetEditor editor) throws Exception;
    }

    private void walk(String name, Step step, String done, String nothing, Consumer<Edit> after) {
        Path root = dataset.get();
        if (root == null) {
            return;
        }
        jobs.submit(name, m -> step.apply(edits.open(root))).result().whenComplete((edit, error) -> fx.execute(() -> {
            message.set(error != null ? "Could not " + name.toLowerCase() + ": " + ClassifyViewModel.rootMessage(error)
                    : edit.map(x -> done + x.description()).orElse(nothing));
            if (error == null && root.equals(dataset.get())) {
                edit.ifPresent(after);
            }
            refresh();
        }));
    }
}
