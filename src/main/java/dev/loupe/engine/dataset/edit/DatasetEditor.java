package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.DatasetPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
    static final String JOURNAL = Journal.FILE;
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
        DatasetEditor editor = new DatasetEditor(dir, Journal.open(dir));
        editor.recovered = Optional.ofNullable(editor.journal.damaged());
        if (editor.journal.pending() != null) {
            // Only the process holding the dataset may settle it: another Loupe may be in the middle of that edit.
            try (DatasetLock lock = DatasetLock.acquire(dir, "finishing an interrupted edit")) {
                editor.recovered = InterruptedEdit.settle(editor.journal, editor.runner);
            }
            editor.recovered.ifPresent(m -> LOG.warn("{}", m));
        }
        return editor;
    }

    /**
     * What was found and done when the dataset was opened, if Loupe had been stopped in the middle of an edit, undo
     * or redo, or its history was damaged and set aside: a message for the user (the CLI prints it, the studio shows
     * it).
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
        return add(className, sources, move, JobMonitor.silent());
    }

    /**
     * {@link #add(String, List, boolean)} as a job: progress per file; cancelling takes back the files done, so the
     * dataset is as before and nothing is recorded.
     */
    public synchronized AddResult add(String className, List<Path> sources, boolean move, JobMonitor monitor)
            throws IOException {
        Path classDir = existingClass(className);
        Importer.Plan plan = importer.plan(classDir, sources, move, new Trash(root));
        String description = (move ? "Move " : "Add ") + count(plan.added().size()) + " to " + className;
        monitor.stage(description);
        Edit edit = plan.steps().isEmpty() ? null : apply(description, plan.steps(), monitor);
        return new AddResult(edit, plan.added(), plan.skipped());
    }

    /**
     * Copies (or, with {@code move}, moves) images and the images inside folders into the dataset's inbox: the
     * dataset folder itself, where photos wait for a label ({@code dev.loupe.engine.inbox}). Clashing names are
     * renamed as for {@link #add}, also against class folders, so a photo never takes a class's name.
     */
    public synchronized AddResult addToInbox(List<Path> sources, boolean move) throws IOException {
        return addToInbox(sources, move, JobMonitor.silent());
    }

    /** {@link #addToInbox(List, boolean)} as a job, with progress and cancelling as {@link #add} has them. */
    public synchronized AddResult addToInbox(List<Path> sources, boolean move, JobMonitor monitor)
            throws IOException {
        Importer.Plan plan = importer.plan(root, sources, move, new Trash(root));
        String description = (move ? "Move " : "Add ") + count(plan.added().size()) + " to the inbox";
        monitor.stage(description);
        Edit edit = plan.steps().isEmpty() ? null : apply(description, plan.steps(), monitor);
        return new AddResult(edit, plan.added(), plan.skipped());
    }

    /**
     * Labels many images at once, each into its class, as ONE edit (one Undo puts them all back): the inbox's bulk
     * acceptance. Images already in their class are left; classes must exist. Empty when nothing moves.
     *
     * @param byClass image paths (relative to the root) per class name
     */
    public synchronized Optional<Edit> moveImages(java.util.Map<String, List<String>> byClass) throws IOException {
        List<Step> steps = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        StringBuilder what = new StringBuilder();
        for (var e : new java.util.TreeMap<>(byClass).entrySet()) {
            Path classDir = existingClass(e.getKey());
            Set<String> taken = new HashSet<>();
            int n = 0;
            for (Path file : existingImages(e.getValue())) {
                if (file.getParent().equals(classDir) || !seen.add(file)) {
                    continue;
                }
                String name = Names.free(classDir, file.getFileName().toString(), taken);
                steps.add(Step.move(relative(file), classDir.getFileName() + "/" + name, StepFiles.contentOf(file)));
                n++;
            }
            if (n > 0) {
                what.append(what.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(n);
            }
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(apply("Label " + count(steps.size()) + " (" + what + ")", steps));
    }

    /** Moves images (paths relative to the root) back into the inbox: their label is taken away. */
    public synchronized Optional<Edit> moveToInbox(List<String> images) throws IOException {
        Set<String> taken = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        for (Path file : existingImages(images)) {
            if (file.getParent().equals(root)) {
                continue;
            }
            steps.add(Step.move(relative(file), Names.free(root, file.getFileName().toString(), taken),
                    StepFiles.contentOf(file)));
        }
        return steps.isEmpty() ? Optional.empty()
                : Optional.of(apply("Move " + count(steps.size()) + " to the inbox", steps));
    }

    /**
     * Moves images (paths relative to the root) into another class: relabelling. An image named twice (also as
     * {@code ./a/1.jpg} and {@code a/1.jpg}) is moved once.
     */
    public synchronized Optional<Edit> moveImages(List<String> images, String className) throws IOException {
        Path classDir = existingClass(className);
        Set<String> taken = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        for (Path file : existingImages(images)) {
            if (file.getParent().equals(classDir)) {
                continue;
            }
            String name = Names.free(classDir, file.getFileName().toString(), taken);
            steps.add(Step.move(relative(file), className + "/" + name, StepFiles.contentOf(file)));
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(apply("Move " + count(steps.size()) + " to " + className, steps));
    }

    public synchronized Edit makeClass(String name) throws IOException {
        String n = Names.checkClassName(name);
        if (Files.exists(root.resolve(n), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("There is already a class or file named " + n);
        }
        return apply("New class " + n, List.of(Step.mkdir(n)));
    }

    public synchronized Edit renameClass(String from, String to) throws IOException {
        String old = existingClass(from).getFileName().toString();
        String n = Names.checkClassName(to);
        if (Files.exists(root.resolve(n), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("There is already a class or file named " + n);
        }
        return apply("Rename class " + old + " to " + n, List.of(Step.move(old, n, Step.Content.FOLDER)));
    }

    /** Moves the whole class folder, images and all, into the trash. */
    public synchronized Edit deleteClass(String name) throws IOException {
        String n = existingClass(name).getFileName().toString();
        return apply("Delete class " + n, List.of(Step.move(n, new Trash(root).slotFor(n), Step.Content.FOLDER)));
    }

    /** Moves images (paths relative to the root) into the trash. */
    public synchronized Optional<Edit> remove(List<String> images) throws IOException {
        Trash trash = new Trash(root);
        List<Step> steps = new ArrayList<>();
        for (Path file : existingImages(images)) {
            String rel = relative(file);
            steps.add(Step.move(rel, trash.slotFor(rel), StepFiles.contentOf(file)));
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(apply("Delete " + count(steps.size()), steps));
    }

    /**
     * Reverts the newest edit; empty when there is nothing to undo. Every file it would move must be exactly what
     * Loupe put there, else nothing moves and the edit stays undoable. Files gone since (the trash emptied by hand)
     * are skipped and named in the returned edit's description; an edit with nothing left to put back is dropped
     * from the history, saying so, so that the edits before it can still be undone.
     */
    public synchronized Optional<Edit> undo() throws IOException {
        Edit edit = journal.peekUndo();
        return edit == null ? Optional.empty() : Optional.of(walk(edit, true));
    }

    /** Re-applies the newest undone edit; empty when there is nothing to redo. Checked as {@link #undo()} is. */
    public synchronized Optional<Edit> redo() throws IOException {
        Edit edit = journal.peekRedo();
        return edit == null ? Optional.empty() : Optional.of(walk(edit, false));
    }

    private Edit walk(Edit edit, boolean backwards) throws IOException {
        String name = backwards ? "undo" : "redo";
        StepRunner.Plan plan = runner.check(edit, backwards);
        begin(backwards ? Pending.Action.UNDO : Pending.Action.REDO, edit, name);
        run(() -> runner.run(plan));
        Edit left = plan.left();
        try {
            if (backwards) {
                journal.markUndone(left);
            } else {
                journal.markRedone(left);
            }
        } catch (IOException e) {
            changing(() -> runner.takeBack(plan.ready(), backwards));
            journal.abandon();
            throw unrecorded(name, e);
        }
        String notes = String.join("; ", plan.notes());
        if (left == null) {
            LOG.warn("Dropped \"{}\" from the history: {}", edit.description(), notes);
            throw new IOException("Could not " + name + " \u201c" + edit.description() + "\u201d: " + notes
                    + ". It is dropped from the history, so " + (backwards ? "Undo" : "Redo") + " goes on with the "
                    + "edit before it.");
        }
        LOG.info("{}: {}", backwards ? "Undid" : "Redid", edit.description());
        return notes.isEmpty() ? left : new Edit(left.id(), left.description() + " \u2014 " + notes, left.time(),
                left.steps());
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
        return apply(description, steps, JobMonitor.silent());
    }

    private Edit apply(String description, List<Step> steps, JobMonitor monitor) throws IOException {
        Edit edit = new Edit(journal.newId(), description, System.currentTimeMillis(), steps);
        begin(Pending.Action.APPLY, edit, description);
        run(() -> runner.firstRun(steps, monitor));
        try {
            journal.recordDone(edit);
        } catch (IOException e) {
            // An edit that is not in the journal could never be undone: take it back rather than keep it.
            changing(() -> runner.takeBackFirstRun(steps));
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

    /** A class folder: a real folder directly in the dataset (a link to a folder is not a class). */
    private Path existingClass(String name) throws IOException {
        String n = Names.checkClassName(name);
        Path dir = DatasetPaths.resolve(root, n);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(dir.toString(), null, "no class named " + name);
        }
        return dir;
    }

    /**
     * The images named (relative to the root), each once however it was written: regular files directly in a
     * class folder or in the dataset folder, never Loupe's own or hidden ones, never through a link.
     */
    private List<Path> existingImages(List<String> images) throws IOException {
        Set<Path> files = new java.util.LinkedHashSet<>();
        for (String rel : images) {
            Path file = DatasetPaths.resolve(root, rel);
            Path inside = root.relativize(file);
            boolean hidden = false;
            for (Path part : inside) {
                hidden |= part.toString().startsWith(".");
            }
            if (hidden || inside.getNameCount() > 2 || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(rel, null, "not an image of this dataset");
            }
            files.add(file);
        }
        return List.copyOf(files);
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    static String count(int n) {
        return Plurals.of(n, "image");
    }
}
