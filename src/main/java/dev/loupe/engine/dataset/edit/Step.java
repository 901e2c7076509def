package dev.loupe.engine.dataset.edit;

/**
 * One reversible file-system change. Paths are relative to the dataset root with '/' separators, except
 * {@code from} of a {@link Kind#COPY} or of a move-in from outside the dataset, which is absolute.
 *
 * <ul>
 *   <li>{@link Kind#MOVE}: {@code from} was moved to {@code to}; undo moves it back.</li>
 *   <li>{@link Kind#COPY}: {@code from} was copied to {@code to}; undo moves the copy to {@code trash} (never a
 *       delete), redo moves it back from the trash.</li>
 *   <li>{@link Kind#MKDIR}: the folder {@code to} was made; undo removes it only while it is empty.</li>
 * </ul>
 */
public record Step(Kind kind, String from, String to, String trash) {

    /** What a step did. */
    public enum Kind { MOVE, COPY, MKDIR }

    public static Step move(String from, String to) {
        return new Step(Kind.MOVE, from, to, null);
    }

    public static Step copy(String from, String to, String trash) {
        return new Step(Kind.COPY, from, to, trash);
    }

    public static Step mkdir(String dir) {
        return new Step(Kind.MKDIR, null, dir, null);
    }
}
