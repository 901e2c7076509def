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
 */
public final class Journal {

    /** Format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;
    static final int MAX_EDITS = 500;
    // AtomicFiles flushes and syncs the stream after the writer returns, so Jackson must not close it.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    /** The file's content. */
    record Document(int version, long nextId, List<Edit> done, List<Edit> undone) {
    }

    private final Path file;
    private final Deque<Edit> done = new ArrayDeque<>();
    private final Deque<Edit> undone = new ArrayDeque<>();
    private long nextId = 1;

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
        }
        return j;
    }

    long newId() {
        return nextId++;
    }

    /** A new edit: it ends the redo history, as in every editor. */
    void recordDone(Edit edit) throws IOException {
        List<Edit> doneBefore = List.copyOf(done);
        List<Edit> undoneBefore = List.copyOf(undone);
        done.addLast(edit);
        undone.clear();
        while (done.size() > MAX_EDITS) {
            done.removeFirst();
        }
        try {
            save();
        } catch (IOException e) {
            // Memory must keep matching the file: the caller rolls the edit back.
            done.clear();
            done.addAll(doneBefore);
            undone.clear();
            undone.addAll(undoneBefore);
            throw e;
        }
    }

    Edit peekUndo() {
        return done.peekLast();
    }

    Edit peekRedo() {
        return undone.peekLast();
    }

    void markUndone() throws IOException {
        undone.addLast(done.removeLast());
        try {
            save();
        } catch (IOException e) {
            done.addLast(undone.removeLast());
            throw e;
        }
    }

    void markRedone() throws IOException {
        done.addLast(undone.removeLast());
        try {
            save();
        } catch (IOException e) {
            undone.addLast(done.removeLast());
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
        Document d = new Document(FORMAT_VERSION, nextId, List.copyOf(done), List.copyOf(undone));
        AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, d));
    }
}
