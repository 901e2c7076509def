package dev.loupe.engine.dataset.edit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.dataset.DatasetPaths;
import dev.loupe.engine.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The undo and redo history of one dataset, in {@code .loupe/journal.json}. The whole file is rewritten (temp file +
 * move) after every change: histories are short (capped at {@link #MAX_EDITS}) and a half-written journal would be
 * worse than a slow one. The format carries a version so a later Loupe can migrate it.
 *
 * <p>Write-ahead: an edit, undo or redo is written as {@link Pending} (with all its planned steps) before its first
 * file moves, and recording it done clears that entry in the same write. So a journal that still holds a pending
 * entry when it is opened belongs to an operation that was cut short.
 *
 * <p>Versions: 1 had no pending entry; 2 adds {@code pending} (null when nothing is under way); 3 adds each step's
 * {@link Step.Content} (checked before undo, redo or settling touches a file) and the {@link Step.Kind#MOVE_IN} kind,
 * which older versions wrote as a move from an absolute path. Versions 1 and 2 are read: such a move becomes a
 * move-in, and steps without content are checked by type only.
 *
 * <p>The file is untrusted input (a dataset may come from anyone): every path in it must stay inside the dataset
 * ({@link JournalCheck}), else the journal is kept aside as damaged.
 */
public final class Journal {

    /** Format version this build writes and reads. */
    public static final int FORMAT_VERSION = 3;
    /** Where the journal lives, relative to the dataset root. */
    static final String FILE = ".loupe/journal.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    static final int MAX_EDITS = 500;
    // AtomicFiles flushes and syncs the stream after the writer returns, so Jackson must not close it.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    /** The file's content. */
    record Document(int version, long nextId, List<Edit> done, List<Edit> undone, Pending pending) {
    }

    private final Path file;
    private final Deque<Edit> done = new ArrayDeque<>();
    private final Deque<Edit> undone = new ArrayDeque<>();
    private long nextId = 1;
    private Pending pending;
    private String damaged;

    private final Path root;

    private Journal(Path root, Path file) {
        this.root = root;
        this.file = file;
    }

    /**
     * Reads the journal of the dataset at {@code root}, or starts an empty one when there is none. A journal that
     * cannot be read, or that names a path outside the dataset, is kept aside and a fresh history started (see
     * {@link #setAside()}); one from a newer Loupe is refused, so that its history is not lost.
     */
    static Journal open(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        Journal j = new Journal(dir, DatasetPaths.resolve(dir, FILE));
        if (!Files.exists(j.file, LinkOption.NOFOLLOW_LINKS)) {
            return j;
        }
        Document d;
        try {
            d = JSON.readValue(j.file.toFile(), Document.class);
        } catch (JsonProcessingException e) {
            return j.setAside(JournalCheck.describe(e));
        }
        if (d != null && d.version() > FORMAT_VERSION) {
            throw new IOException(j.file + " was written by a newer Loupe (journal format " + d.version() + ")");
        }
        String damage = JournalCheck.damage(d, dir);
        if (damage != null) {
            return j.setAside(damage);
        }
        Document migrated = JournalCheck.migrate(d, dir);
        migrated.done().forEach(j.done::addLast);
        migrated.undone().forEach(j.undone::addLast);
        j.nextId = Math.max(migrated.nextId(), JournalCheck.maxId(migrated) + 1);
        j.pending = migrated.pending();
        return j;
    }

    /**
     * Moves an unreadable journal aside (never deleted: the user, or a later Loupe, may still want it) and starts an
     * empty history. The files of the dataset stay exactly where they are.
     */
    private Journal setAside(String why) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(LocalDateTime.now()));
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(LocalDateTime.now()) + "-" + n);
        }
        try {
            Files.move(file, aside);
        } catch (IOException e) {
            throw new IOException("Loupe's undo history " + file + " is damaged (" + why + ") and could not be moved "
                    + "aside (" + e.getMessage() + "). Check that the folder can be written, then try again.", e);
        }
        damaged = "Loupe's undo history " + file + " was damaged (" + why + "), so it was kept aside as "
                + aside.getFileName() + " and a fresh history started: the files of the dataset are as they were, "
                + "but the edits made before can no longer be undone.";
        // The caller tells the user (the CLI prints it, the studio shows it); the log keeps it for -v.
        org.slf4j.LoggerFactory.getLogger(Journal.class).info("{}", damaged);
        return this;
    }

    /** What the user must be told when the journal was damaged and set aside on opening; null when it was not. */
    String damaged() {
        return damaged;
    }

    long newId() {
        return nextId++;
    }

    /** Writes down what is about to be done, before any file moves; on failure nothing is recorded. */
    void begin(Pending.Action action, Edit edit) throws IOException {
        Pending before = pending;
        pending = new Pending(action, edit);
        try {
            save();
        } catch (IOException e) {
            pending = before;
            throw e;
        }
    }

    /** The operation under way, or the one a killed Loupe left; null when there is none. */
    Pending pending() {
        return pending;
    }

    /**
     * Clears the pending entry of an operation that was rolled back. If even that cannot be written the entry stays
     * in the file, and the next open finds none of its steps applied, which it takes as nothing done.
     */
    void abandon() {
        Pending before = pending;
        pending = null;
        try {
            save();
        } catch (IOException e) {
            pending = before;
            org.slf4j.LoggerFactory.getLogger(Journal.class).warn("Could not clear the pending entry in {}: {}",
                    file, e.getMessage());
        }
    }

    /** A new edit: it ends the redo history, as in every editor. Clears the pending entry in the same write. */
    void recordDone(Edit edit) throws IOException {
        change(() -> {
            done.addLast(edit);
            undone.clear();
            while (done.size() > MAX_EDITS) {
                done.removeFirst();
            }
        });
    }

    Edit peekUndo() {
        return done.peekLast();
    }

    Edit peekRedo() {
        return undone.peekLast();
    }

    /** The newest edit was undone; {@code left} is what can be redone (without steps whose file was gone). */
    void markUndone(Edit left) throws IOException {
        change(() -> {
            done.removeLast();
            if (left != null) {
                undone.addLast(left);
            }
        });
    }

    /** The newest undone edit was redone; {@code left} is what can be undone again. */
    void markRedone(Edit left) throws IOException {
        change(() -> {
            undone.removeLast();
            if (left != null) {
                done.addLast(left);
            }
        });
    }

    /**
     * Settles an interrupted operation (see {@link InterruptedEdit}): {@code change} rearranges the history, then
     * it is written without the pending entry.
     */
    void settle(Runnable change) throws IOException {
        change(change);
    }

    /** Removes the newest undoable edit (to replace it with the part of it still applied). */
    void dropNewestDone() {
        done.removeLast();
    }

    /** Removes the newest redoable edit. */
    void dropNewestUndone() {
        undone.removeLast();
    }

    /** Adds an edit to the undo history, keeping the redo history (the part of an interrupted undo or redo). */
    void pushDone(Edit edit) {
        done.addLast(edit);
    }

    void pushUndone(Edit edit) {
        undone.addLast(edit);
    }

    /** Applies {@code change} to the history and clears the pending entry, all in one write or not at all. */
    private void change(Runnable change) throws IOException {
        List<Edit> doneBefore = List.copyOf(done);
        List<Edit> undoneBefore = List.copyOf(undone);
        Pending pendingBefore = pending;
        change.run();
        pending = null;
        try {
            save();
        } catch (IOException e) {
            // Memory must keep matching the file: the caller rolls the operation back.
            done.clear();
            done.addAll(doneBefore);
            undone.clear();
            undone.addAll(undoneBefore);
            pending = pendingBefore;
            throw e;
        }
    }

    Path file() {
        return file;
    }

    List<Edit> done() {
        return List.copyOf(done);
    }

    private void save() throws IOException {
        Document d = new Document(FORMAT_VERSION, nextId, List.copyOf(done), List.copyOf(undone), pending);
        DatasetPaths.resolve(root, FILE); // a link put at .loupe since the journal was read is not followed
        AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, d));
    }
}
