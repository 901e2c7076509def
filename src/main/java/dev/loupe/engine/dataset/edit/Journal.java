package dev.loupe.engine.dataset.edit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Versions: 1 had no pending entry; 2 adds {@code pending} (null when nothing is under way). Version 1 files are
 * read as having nothing pending.
 */
public final class Journal {

    /** Format version this build writes and reads. */
    public static final int FORMAT_VERSION = 2;
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

    private Journal(Path file) {
        this.file = file;
    }

    /** Reads the journal at {@code file}, or starts an empty one when there is none. */
    static Journal open(Path file) throws IOException {
        Journal j = new Journal(file);
        if (Files.exists(file)) {
            Document d = JSON.readValue(file.toFile(), Document.class);
            if (d.version() > FORMAT_VERSION) {
                throw new IOException(file + " was written by a newer Loupe (journal format " + d.version() + ")");
            }
            d.done().forEach(j.done::addLast);
            d.undone().forEach(j.undone::addLast);
            j.nextId = d.nextId();
            j.pending = d.pending();
        }
        return j;
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

    void markUndone() throws IOException {
        change(() -> undone.addLast(done.removeLast()));
    }

    void markRedone() throws IOException {
        change(() -> done.addLast(undone.removeLast()));
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
        AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, d));
    }
}
