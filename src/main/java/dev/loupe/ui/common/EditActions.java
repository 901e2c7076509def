package dev.loupe.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The Edit menu's commands, implemented by whichever pane is shown. Each command has an availability the menu binds
 * its item to, so e.g. Undo greys out when the pane's history is empty; by default every command is available.
 */
public interface EditActions {

    void undo();

    void redo();

    void selectAll();

    void delete();

    default ObservableBooleanValue canUndo() {
        return Bindings.createBooleanBinding(() -> true);
    }

    default ObservableBooleanValue canRedo() {
        return Bindings.createBooleanBinding(() -> true);
    }

    default ObservableBooleanValue canSelectAll() {
        return Bindings.createBooleanBinding(() -> true);
    }

    default ObservableBooleanValue canDelete() {
        return Bindings.createBooleanBinding(() -> true);
    }
}
