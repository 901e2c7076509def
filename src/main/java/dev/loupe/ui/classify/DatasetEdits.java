package dev.loupe.ui.classify;

import dev.loupe.engine.dataset.edit.DatasetEditor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one DatasetEditor the Classify pane edits the dataset through ("Add to class", lasso relabels), so that
 * Edit > Undo walks a single history whichever of them came last. Opened lazily, reopened when the dataset changes.
 */
final class DatasetEdits {

    private DatasetEditor editor;

    /** The editor for {@code root}; call off the FX thread (opening reads the journal). */
    synchronized DatasetEditor open(Path root) throws IOException {
        if (editor == null || !editor.root().equals(root.toAbsolutePath().normalize())) {
            editor = DatasetEditor.shared(root);
        }
        return editor;
    }

    /** The editor last opened, or null if nothing was edited yet. */
    synchronized DatasetEditor current() {
        return editor;
    }
}
