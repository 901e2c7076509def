package dev.loupe.engine.dataset.edit;

/**
 * An edit, undo or redo under way: written to the journal before its first file moves and cleared once it is
 * recorded, so an operation cut short (Loupe killed, power lost) is found when the dataset is next opened and
 * {@link InterruptedEdit} can make it undoable.
 *
 * @param action what was being done with {@code edit}
 * @param edit   the edit, with every step it planned, in the order they are done forwards
 */
record Pending(Action action, Edit edit) {

    /** Which way the steps were being run. */
    enum Action {
        /** A new edit's first run: its steps forwards. It is not in the history yet. */
        APPLY,
        /** Undoing the newest done edit: its steps backwards, last first. */
        UNDO,
        /** Redoing the newest undone edit: its steps forwards. */
        REDO
    }
}
