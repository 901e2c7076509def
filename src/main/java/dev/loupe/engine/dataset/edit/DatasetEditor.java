package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.dataset.DatasetLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every change Loupe makes to a dataset folder. Each operation runs as reversible steps, rolls back whole if a step
 * fails, and is recorded in the {@link Journal} so it can be undone and redone, also after a restart. Images are never
 * deleted: removing one moves it into {@code .loupe/trash/}. Thread-safe: operations run one at a time.
 *
 * <p>Each operation is written to the journal as pending before its first file moves; one that Loupe was stopped in
 * the middle of is settled by {@link InterruptedEdit} when the dataset is next opened (see {@link #recovered()}).
 */
public final class DatasetEditor {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetEditor.class);
    static final String JOURNAL = ".loupe/journal.json";
    private static final String WHAT_TO_DO = "Free some space or check that the folder can be written, then try "
            + "again.";

    /** Told before and after the editor changes the folder, so a watcher can tell Loupe's changes from others'. */
    public interface Listener {
        void editing(boolean active);
    }

    private final Path root;
    private final Journal journal;
    private final StepRunner runner;
    private final Importer importer;

    private volatile Listener listener = active -> { };
    private Optional<String> recovered = Optional.empty();

    private DatasetEditor(Path root, Journal journal) {
        this.root = root;
        this.journal = journal;
        this.runner = new StepRunner(root);
        this.importer = new Importer(root);
    }

    /**
     * Opens the dataset at {@code root} with the history recorded in it. One editor per dataset per process: the
     * studio's dataset session holds the one its panes share, so Edit > Undo walks a single history and no pane's
     * journal write overwrites another's.
     */
    public static DatasetEditor open(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such dataset folder");
        }
        DatasetEditor editor = new DatasetEditor(dir, Journal.open(dir.resolve(JOURNAL)));
        if (editor.journal.pending() != null) {
            // Only the process holding the dataset may settle it: another Loupe may be in the middle of that edit.
            try (DatasetLock lock = DatasetLock.acquire(dir, "finishing an interrupted edit")) {
                editor.recovered = InterruptedEdit.settle(editor.journal, editor.runner, dir);
            }
            editor.recovered.ifPresent(m -> LOG.warn("{}", m));
        }
        return editor;
    }

    /**
     * What was found and done when the dataset was opened, if Loupe had been stopped in the middle of an edit, undo
     * or redo: a message for the user (the CLI prints it, the studio shows it).
     */
    public synchronized Optional<String> recovered() {
        return recovered;
    }

    public Path root() {
        return root;
    }

    public void setListener(Listener listener) {
        this.listener = listener == null ? active -> { } : listener;
    }

    /**
     * Copies (or, with {@code move}, moves) image files and the images inside folders into class {@code className},
     * renaming clashes to {@code x (2).jpg}. Non-images are skipped and listed with the reason.
     */
    public synchronized AddResult add(String className, List<Path> sources, boolean move) throws IOException {
        Path classDir = existingClass(className);
        Importer.Plan plan = importer.plan(classDir, sources, move, new Trash(root));
        Edit edit = plan.steps().isEmpty() ? null
                : apply((move ? "Move " : "Add ") + count(plan.added().size()) + " to " + className, plan.steps());
        return new AddResult(edit, plan.added(), plan.skipped());
    }

    /** Moves images (paths relative to the root) into another class: relabelling. */
    public synchronized Optional<Edit> moveImages(List<String> images, String className) throws IOException {
        Path classDir = existingClass(className);
        Set<String> taken = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        for (String rel : images) {
            Path file = existingImage(rel);
            if (file.getParent().equals(classDir)) {
                continue;
            }
            String name = Names.free(classDir, file.getFileName().toString(), taken);
            steps.add(Step.move(rel, className + "/" + name));
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(apply("Move " + count(steps.size()) + " to " + className, steps));
    }

    public synchronized Edit makeClass(String name) throws IOException {
        String n = Names.checkClassName(name);
        if (Files.exists(root.resolve(n))) {
            throw new IllegalArgumentException("There is already a class or file named " + n);
        }
        return apply("New class " + n, List.of(Step.mkdir(n)));
    }

    public synchronized Edit renameClass(String from, String to) throws IOException {
        existingClass(from);
        String n = Names.checkClassName(to);
        if (Files.exists(root.resolve(n))) {
            throw new IllegalArgumentException("There is already a class or file named " + n);
        }
        return apply("Rename class " + from + " to " + n, List.of(Step.move(from, n)));
    }

    /** Moves the whole class folder, images and all, into the trash. */
    public synchronized Edit deleteClass(String name) throws IOException {
        existingClass(name);
        return apply("Delete class " + name, List.of(Step.move(name, new Trash(root).slotFor(name))));
    }

    /** Moves images (paths relative to the root) into the trash. */
    public synchronized Optional<Edit> remove(List<String> images) throws IOException {
        Trash trash = new Trash(root);
        List<Step> steps = new ArrayList<>();
        for (String rel : new java.util.LinkedHashSet<>(images)) {
            existingImage(rel);
            steps.add(Step.move(rel, trash.slotFor(rel)));
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(apply("Delete " + count(steps.size()), steps));
    }

    /** Reverts the newest edit; empty when there is nothing to undo. */
    public synchronized Optional<Edit> undo() throws IOException {
        Edit edit = journal.peekUndo();
        if (edit == null) {
            return Optional.empty();
        }
        begin(Pending.Action.UNDO, edit, "undo");
        run(() -> runner.undoAll(edit.steps()));
        try {
            journal.markUndone();
        } catch (IOException e) {
            changing(() -> runner.redoAll(edit.steps()));
            journal.abandon();
            throw unrecorded("undo", e);
        }
        LOG.info("Undid: {}", edit.description());
        return Optional.of(edit);
    }

    /** Re-applies the newest undone edit; empty when there is nothing to redo. */
    public synchronized Optional<Edit> redo() throws IOException {
        Edit edit = journal.peekRedo();
        if (edit == null) {
            return Optional.empty();
        }
        begin(Pending.Action.REDO, edit, "redo");
        run(() -> runner.redoAll(edit.steps()));
        try {
            journal.markRedone();
        } catch (IOException e) {
            changing(() -> runner.undoAll(edit.steps()));
            journal.abandon();
            throw unrecorded("redo", e);
        }
        LOG.info("Redid: {}", edit.description());
        return Optional.of(edit);
    }

    public synchronized Optional<Edit> nextUndo() {
        return Optional.ofNullable(journal.peekUndo());
    }

    public synchronized Optional<Edit> nextRedo() {
        return Optional.ofNullable(journal.peekRedo());
    }

    /** The edits that can be undone, oldest first. */
    public synchronized List<Edit> history() {
        return journal.done();
    }

    /** Writes the edit as pending, runs the first-time steps (already planned), then records it done. */
    private Edit apply(String description, List<Step> steps) throws IOException {
        Edit edit = new Edit(journal.newId(), description, System.currentTimeMillis(), steps);
        begin(Pending.Action.APPLY, edit, description);
        run(() -> runner.firstRunAll(steps));
        try {
            journal.recordDone(edit);
        } catch (IOException e) {
            // An edit that is not in the journal could never be undone: take it back rather than keep it.
            changing(() -> runner.rollback(steps, true));
            journal.abandon();
            throw unrecorded(description, e);
        }
        LOG.info("{}", description);
        return edit;
    }

    /** The write-ahead entry; if it cannot be written, no file has moved yet. */
    private void begin(Pending.Action action, Edit edit, String what) throws IOException {
        try {
            journal.begin(action, edit);
        } catch (IOException e) {
            throw new IOException("Could not record \"" + what + "\" in " + journal.file() + " (" + e.getMessage()
                    + "), so it was not started and the dataset is as before. " + WHAT_TO_DO, e);
        }
    }

    /** Runs steps that roll themselves back on failure, then clears the pending entry they leave. */
    private void run(IoAction steps) throws IOException {
        try {
            changing(steps);
        } catch (IOException | RuntimeException e) {
            journal.abandon();
            throw e;
        }
    }

    private IOException unrecorded(String what, IOException e) {
        return new IOException("Could not record \"" + what + "\" in " + journal.file() + " (" + e.getMessage()
                + "), so it was rolled back and the dataset is as before. " + WHAT_TO_DO, e);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void changing(IoAction action) throws IOException {
        listener.editing(true);
        try {
            action.run();
        } finally {
            listener.editing(false);
        }
    }

    private Path existingClass(String name) throws IOException {
        Path dir = root.resolve(Names.checkClassName(name));
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no class named " + name);
        }
        return dir;
    }

    private Path existingImage(String rel) throws IOException {
        Path file = root.resolve(rel).normalize();
        if (!file.startsWith(root) || rel.startsWith(".") || !Files.isRegularFile(file)) {
            throw new NoSuchFileException(rel, null, "not an image of this dataset");
        }
        return file;
    }

    static String count(int n) {
        return n == 1 ? "1 image" : n + " images";
    }
}
