package dev.loupe.engine.dataset.edit;

/**
 * One reversible file-system change. Paths are relative to the dataset root with '/' separators, except {@code from}
 * of a {@link Kind#COPY} or {@link Kind#MOVE_IN}, which names the file outside the dataset the edit took in: it is
 * shown, and used by the edit's first run, but never opened from the journal (a received dataset's journal could
 * name any file of the user).
 *
 * <ul>
 *   <li>{@link Kind#MOVE}: {@code from} was moved to {@code to}; undo moves it back.</li>
 *   <li>{@link Kind#COPY}: {@code from} was copied to {@code to}; undo moves the copy to {@code trash} (never a
 *       delete), redo moves it back from the trash.</li>
 *   <li>{@link Kind#MOVE_IN}: {@code from}, outside the dataset, was moved to {@code to}; undo and redo as for a
 *       copy: the file goes to the trash, not back out of the dataset.</li>
 *   <li>{@link Kind#MKDIR}: the folder {@code to} was made; undo removes it only while it is empty.</li>
 * </ul>
 *
 * @param content what the step moved, so that undo, redo and settling an interrupted edit touch only that (null for
 *                a folder made, or a step from a journal older than format 3)
 */
public record Step(Kind kind, String from, String to, String trash, Content content) {

    /** What a step did. */
    public enum Kind { MOVE, COPY, MOVE_IN, MKDIR }

    /**
     * What was at {@code from} when the step was planned: a folder, or a file of this size and SHA-256.
     *
     * @param sha256 null for a folder
     */
    public record Content(boolean folder, long size, String sha256) {

        public static final Content FOLDER = new Content(true, 0, null);

        public static Content file(long size, String sha256) {
            return new Content(false, size, sha256);
        }
    }

    public static Step move(String from, String to, Content content) {
        return new Step(Kind.MOVE, from, to, null, content);
    }

    public static Step copy(String from, String to, String trash, Content content) {
        return new Step(Kind.COPY, from, to, trash, content);
    }

    public static Step moveIn(String from, String to, String trash, Content content) {
        return new Step(Kind.MOVE_IN, from, to, trash, content);
    }

    public static Step mkdir(String dir) {
        return new Step(Kind.MKDIR, null, dir, null, null);
    }

    /** Whether undo and redo move the file between {@code to} and {@code trash} rather than {@code from}. */
    boolean viaTrash() {
        return kind == Kind.COPY || kind == Kind.MOVE_IN;
    }

    /** The end a file leaves when the step is done forwards (redo): {@code from}, or the trash for a copy. */
    String sourceEnd() {
        return viaTrash() ? trash : from;
    }
}
