package dev.loupe.ui.classify;

import dev.loupe.engine.dataset.edit.DatasetEditor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The DatasetEditor the Classify pane edits the dataset through ("Add to class", lasso relabels, Undo, Redo): the
 * dataset's shared one, so Edit > Undo walks a single history with Curate's edits. Looked up lazily, again when the
 * dataset changes.
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
}
