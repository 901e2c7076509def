package dev.loupe.ui.common;

import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Edit > Undo and Redo for a pane that edits the dataset. The studio's panes share the session's one DatasetEditor,
 * so each pane's Undo walks the same history: Undo in Classify can take back a move made in Curate. The editor is only
 * ever called off the FX thread, whether to read if there is anything to undo or to undo it, since it holds its lock
 * while it moves files (an import of thousands of photos in one pane would otherwise freeze the other).
 */
public final class EditHistory {

    private final DatasetSession session;
    private final JobExecutor jobs;
    private final Executor fx;
    private final Consumer<String> message;
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private Consumer<Edit> undone = edit -> { };
    private Consumer<Edit> redone = edit -> { };

    /**
     * @param jobs    the pane's queue, where the editor is called
     * @param message where to say what was undone, or why not
     */
    public EditHistory(DatasetSession session, JobExecutor jobs, Consumer<String> message) {
        this.session = session;
        this.jobs = jobs;
        this.fx = session.fx();
        this.message = message;
    }

    /** Told of each edit undone here, e.g. to recolour the map or rescan the folder. FX thread. */
    public void onUndone(Consumer<Edit> listener) { undone = listener; }

    /** Told of each edit redone here. FX thread. */
    public void onRedone(Consumer<Edit> listener) { redone = listener; }

    public void undo() {
        walk("Undo", DatasetEditor::undo, "Undid: ", "Nothing to undo", undone);
    }

    public void redo() {
        walk("Redo", DatasetEditor::redo, "Redid: ", "Nothing to redo", redone);
    }

    /** Nothing to undo or redo until the next {@link #refresh()}: a dataset is being opened. FX thread. */
    public void clear() {
        canUndo.set(false);
        canRedo.set(false);
    }

    /** Reads the history again: after an edit, when the pane is shown. FX thread. */
    public void refresh() {
        jobs.submit("Read history", m -> {
            DatasetEditor e = session.editor();
            return new boolean[]{e.nextUndo().isPresent(), e.nextRedo().isPresent()};
        }).result().whenComplete((can, error) -> fx.execute(() -> {
            if (error == null) {
                canUndo.set(can[0]);
                canRedo.set(can[1]);
            }
        }));
    }

    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canRedoProperty() { return canRedo.getReadOnlyProperty(); }

    /** One step back or forward. */
    private interface Step {
        Optional<Edit> apply(DatasetEditor editor) throws Exception;
    }

    private void walk(String name, Step step, String done, String nothing, Consumer<Edit> after) {
        // On the studio's edit queue, as every edit is: an undo of a large import shows in the status bar.
        session.edit(name, m -> {
            Optional<Edit> walked = step.apply(session.editor());
            m.outcome(walked.map(x -> done + x.description()).orElse(nothing)); // the status bar says what went back
            return walked;
        }).result().whenComplete((edit, error) -> fx.execute(() -> {
            message.accept(error != null ? "Could not " + name.toLowerCase() + ": " + Failures.describe(error)
                    : edit.map(x -> done + x.description()).orElse(nothing));
            if (error == null) {
                edit.ifPresent(after);
            }
            refresh();
        }));
    }
}
