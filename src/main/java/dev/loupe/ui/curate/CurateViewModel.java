package dev.loupe.ui.curate;

import dev.loupe.ui.common.LatestRequest;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.dataset.LeftOut;
import dev.loupe.engine.dataset.edit.AddResult;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.inbox.BulkAcceptance;
import dev.loupe.engine.inbox.BulkPlan;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.ui.common.EditHistory;
import dev.loupe.engine.util.Plurals;
import dev.loupe.ui.common.DatasetSession;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The Curate pane's state for one dataset session, without a Node. Scans run as jobs on the pane's queue, edits on
 * the studio's edit queue (the status bar shows them, with progress and cancel); their results come back through the session's {@code fx} (Platform::runLater in the studio, Runnable::run in
 * tests), and a scan is published only if no newer one was asked for since, so a burst of changes never shows an
 * older folder over a newer one.
 */
public final class CurateViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(CurateViewModel.class);
    /** The longest the open's full scan waits for the first screen's thumbnails (see {@link #showFirstClass}). */
    static final long FIRST_SCREEN_WAIT_MS = 1000;

    private final DatasetSession session;
    private final JobExecutor jobs;
    private final Executor fx;
    private final LatestRequest scans;
    private final ReadOnlyObjectWrapper<DatasetSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ClassRow> classes = FXCollections.observableArrayList();
    private final StringProperty selectedClass = new SimpleStringProperty();
    /** The grid shows the inbox (the photos lying directly in the dataset folder) rather than a class. */
    private final BooleanProperty inboxShown = new SimpleBooleanProperty();
    private final ObservableList<ImageEntry> images = FXCollections.observableArrayList();
    private final Selection selection = new Selection();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper loose = new ReadOnlyIntegerWrapper();
    private final EditHistory history;
    /** When set, the grid shows these images (from any class) instead of the selected class's: an audit finding. */
    private final ReadOnlyObjectWrapper<Set<String>> filter = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper filterLabel = new ReadOnlyStringWrapper("");
    /** Puts the inbox's photos in the chosen order (suggestions, {@link InboxModel}); as listed until one is set. */
    private UnaryOperator<List<ImageEntry>> inboxOrder = UnaryOperator.identity();
    /** The published snapshot's images by class, in its order: grouped on the scan's thread, not on the FX thread. */
    private Map<String, List<ImageEntry>> byClass = Map.of();
    /** The session's editor, once the open job has read its journal (FX thread). */
    private volatile DatasetEditor editor;

    /** Opens the session's dataset at once: watches it, scans it, reads its history. */
    public CurateViewModel(DatasetSession session) {
        this.session = session;
        this.jobs = session.queue("curate");
        this.fx = session.fx();
        this.scans = new LatestRequest(fx);
        this.history = new EditHistory(session, jobs, message::set);
        // An undone or redone edit moved files: show the folder as it is now.
        history.onUndone(edit -> rescan());
        history.onRedone(edit -> rescan());
        selectedClass.addListener((o, was, now) -> {
            filter.set(null);
            if (now != null) {
                inboxShown.set(false);
            }
            showClass();
        });
        session.onOutsideChange(this::rescan);
        open();
    }

    private void open() {
        Path root = session.root();
        long generation = scans.next();
        jobs.submit("Open dataset", m -> {
            // Watch before scanning, so that a change made just after the scan is still seen. The history comes
            // last: reading the journal loads the JSON library on first use, and the grid need not wait for it.
            session.startWatching();
            showFirstClass(root, generation);
            scanNow(root, generation);
            DatasetEditor e = session.editor();
            Optional<String> recovered = e.recovered();
            fx.execute(() -> adopt(e, recovered));
            return e;
        }).result().whenComplete((e, failure) -> {
            if (failure != null) {
                fx.execute(() -> message.set("Could not open " + root + ": " + Failures.describe(failure)));
            }
        });
    }

    /**
     * Fills the grid with the first class's images before the whole folder is scanned: at 100,000 photos the scan
     * takes seconds, one class folder a fraction of that. The classes, counts and everything else wait for the scan,
     * which then selects that same class and leaves the grid as it is. The scan starts once the first screen's
     * thumbnails (the view's prefetch) are loaded, or after {@link #FIRST_SCREEN_WAIT_MS}: on two cores the scan and
     * the thumbnails shared one core while the FX thread laid out the grid on the other (docs/benchmarks.md, Curate
     * with 100,000 images).
     */
    private void showFirstClass(Path root, long generation) {
        List<ImageEntry> first = new DatasetScanner().firstClass(root);
        if (first.isEmpty()) {
            return;
        }
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        fx.execute(() -> {
            if (scans.isLatest(generation) && snapshot.get() == null && images.isEmpty()) {
                images.setAll(first);
            }
            session.thumbnails().whenPrefetched(() -> loaded.complete(null));
        });
        if (Platform.isFxApplicationThread()) {
            return; // a queue that runs jobs in place (tests): nothing could load while this thread waited
        }
        try {
            loaded.get(FIRST_SCREEN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Slow thumbnails (large photos, a cold disk): the counts and classes must not wait longer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the editor the open job read. */
    private void adopt(DatasetEditor e, Optional<String> recovered) {
        editor = e;
        history.refresh();
        // Loupe was stopped mid-edit last time: say what was found and that Undo takes it back.
        recovered.ifPresent(message::set);
    }

    /** Scans the open folder again; called after each edit and when the watcher sees an outside change. */
    public void rescan() {
        Path root = session.root();
        long generation = scans.next();
        jobs.submit("Scan dataset", m -> {
            scanNow(root, generation);
            return null;
        });
    }

    /** Scans on the calling (job) thread and publishes the result, unless a newer scan was asked for meanwhile. */
    private void scanNow(Path root, long generation) {
        DatasetSnapshot s;
        Map<String, Integer> colours;
        Map<String, List<ImageEntry>> grouped;
        try {
            s = new DatasetScanner().scan(root);
            colours = session.colourIndices(s.classes());
            grouped = byClass(s);
        } catch (Exception failure) {
            fx.execute(() -> {
                if (scans.isLatest(generation)) {
                    message.set("Could not read " + root + ": " + Failures.describe(failure));
                }
            });
            return;
        }
        fx.execute(() -> {
            if (scans.isLatest(generation)) {
                publish(s, colours, grouped);
            }
        });
    }

    /**
     * The snapshot's images grouped by class, every class present (empty ones too), each in the snapshot's order.
     * Done on the scan's thread: at 100,000 photos, counting and filtering them on the FX thread held up the first
     * screen's thumbnails (docs/benchmarks.md, Curate with 100,000 images).
     */
    private static Map<String, List<ImageEntry>> byClass(DatasetSnapshot s) {
        Map<String, List<ImageEntry>> out = new java.util.HashMap<>();
        s.classes().forEach(c -> out.put(c, new ArrayList<>()));
        for (ImageEntry i : s.images()) {
            out.computeIfAbsent(i.label(), k -> new ArrayList<>()).add(i);
        }
        out.replaceAll((c, list) -> List.copyOf(list));
        return Map.copyOf(out);
    }

    private void publish(DatasetSnapshot s, Map<String, Integer> colours, Map<String, List<ImageEntry>> grouped) {
        byClass = grouped;
        snapshot.set(s);
        List<ClassRow> rows = new ArrayList<>();
        for (String c : s.classes()) {
            rows.add(new ClassRow(c, grouped.get(c).size(), colours.get(c)));
        }
        classes.setAll(rows);
        loose.set(s.looseImages().size());
        List<String> notes = notes(s);
        if (!notes.isEmpty()) {
            // A folder Loupe may not list, a HEIC photo, a nested folder...: say what is not shown, why.
            message.set(String.join("; ", notes));
        }
        if (s.classes().isEmpty() && !s.looseImages().isEmpty()) {
            // A folder of unsorted photos starts as a dataset whose photos all wait in its inbox.
            inboxShown.set(true);
        }
        if (inboxShown.get()) {
            selectedClass.set(null);
        } else if (selectedClass.get() == null || !s.classes().contains(selectedClass.get())) {
            selectedClass.set(s.classes().isEmpty() ? null : s.classes().get(0));
        }
        showClass();
    }

    /** The scan's notes without the loose photos: those are the inbox, shown as such, not left out. */
    private static List<String> notes(DatasetSnapshot s) {
        List<String> out = new ArrayList<>(s.unreadable().stream().map(DatasetSnapshot.Unreadable::toString).toList());
        out.addAll(LeftOut.sentences(s.leftOut().stream().filter(l -> l.why() != LeftOut.Why.LOOSE_IMAGE).toList()));
        return out;
    }

    private void showClass() {
        DatasetSnapshot s = snapshot.get();
        String c = selectedClass.get();
        Set<String> only = filter.get();
        List<ImageEntry> shown = s == null ? List.of()
                : only != null ? s.images().stream().filter(i -> only.contains(i.relativePath())).toList()
                : inboxShown.get() ? inboxOrder.apply(s.inbox())
                : c == null ? List.of() : byClass.getOrDefault(c, List.of());
        if (!shown.equals(images)) {
            images.setAll(shown);
        }
        selection.retain(order());
    }

    /** Orders the inbox's photos in the grid by {@code order} from now on, and at once. */
    void orderInboxBy(UnaryOperator<List<ImageEntry>> order) {
        inboxOrder = order;
        showClass();
    }

    /** Shows the inbox in the grid (no class selected). */
    public void showInbox() {
        filter.set(null);
        inboxShown.set(true);
        selectedClass.set(null);
        showClass();
    }

    /** Shows just these images, whatever their class, until {@link #clearFilter} or a class is picked. */
    public void showOnly(Collection<String> relativePaths, String label) {
        filterLabel.set(label);
        filter.set(Set.copyOf(relativePaths));
        showClass();
    }

    public void clearFilter() {
        if (filter.get() != null) {
            filter.set(null);
            showClass();
        }
    }

    // ---- Edits: each runs as a job, then the history and the folder are read again. ----

    /** Adds files and folders to a class; copies unless {@code move}. The message lists what was skipped. */
    public void importFiles(List<Path> files, String className, boolean move) {
        if (className == null && inboxShown.get()) {
            importToInbox(files, move);
            return;
        }
        String target = className != null ? className : selectedClass.get();
        if (target == null) {
            message.set("Make a class first: images are added to a class.");
            return;
        }
        edit(move ? "Move images in" : "Add images", (e, m) -> describe(e.add(target, files, move, m)));
    }

    public void moveImages(List<String> relativePaths, String className) {
        edit("Move images", e -> e.moveImages(relativePaths, className).map(Edit::description)
                .orElse("Already in " + className));
    }

    /** Moves a bulk acceptance's photos into their suggested classes: one edit, which one Undo reverts. */
    void acceptSuggestions(BulkPlan plan) {
        edit("Accept suggestions", e -> BulkAcceptance.accept(e, plan).map(Edit::description)
                .orElse("No photo to move"));
    }

    /** Labels whole groups of inbox photos ("Group similar"): one edit, which one Undo reverts. */
    void labelGroups(Map<String, List<String>> byClass) {
        edit("Label groups", e -> e.moveImages(byClass).map(Edit::description).orElse("No photo to move"));
    }

    public void makeClass(String name) {
        edit("New class", e -> {
            String d = e.makeClass(name).description();
            fx.execute(() -> {
                // Classes made while sorting the inbox: the inbox stays in view, the new class is a drop target.
                if (!inboxShown.get()) {
                    selectedClass.set(name.strip());
                }
            });
            return d;
        });
    }

    public void renameClass(String from, String to) {
        edit("Rename class", e -> {
            String d = e.renameClass(from, to).description();
            session.renameColour(from, to.strip());
            fx.execute(() -> {
                if (from.equals(selectedClass.get())) {
                    selectedClass.set(to.strip());
                }
            });
            return d;
        });
    }

    /** Adds files and folders to the inbox, where they wait for a label; copies unless {@code move}. */
    public void importToInbox(List<Path> files, boolean move) {
        edit(move ? "Move images in" : "Add images", (e, m) -> describe(e.addToInbox(files, move, m)));
    }

    public void deleteClass(String name) {
        edit("Delete class", e -> e.deleteClass(name).description() + " (its images are in .loupe/trash; undo brings them back)");
    }

    /** Sends these images to the dataset's trash, saying {@code lead} first (e.g. which copy was kept). */
    void trash(List<String> relativePaths, String lead) {
        edit("Delete images", e -> lead + e.remove(relativePaths).map(Edit::description).orElse("nothing to move")
                + " (Undo brings them back)");
    }

    /** Sends the selected images to the dataset's trash. */
    public void deleteSelection() {
        List<String> chosen = selectedInOrder();
        if (!chosen.isEmpty()) {
            edit("Delete images", e -> e.remove(chosen).map(Edit::description).orElse(""));
        }
    }

    public void undo() {
        if (editor != null) {
            history.undo();
        }
    }

    public void redo() {
        if (editor != null) {
            history.redo();
        }
    }

    /** An editor call that returns the message to show. */
    @FunctionalInterface
    interface EditCall {
        String run(DatasetEditor editor) throws Exception;
    }

    /** An editor call that reports progress and stops when cancelled (an import). */
    @FunctionalInterface
    interface MonitoredEditCall {
        String run(DatasetEditor editor, JobMonitor monitor) throws Exception;
    }

    private void edit(String name, EditCall call) {
        edit(name, (e, m) -> call.run(e));
    }

    /** Runs on the studio's edit queue, so the status bar shows it (progress, cancel) like every other job. */
    private void edit(String name, MonitoredEditCall call) {
        DatasetEditor e = editor;
        if (e == null) {
            return;
        }
        // The status bar says what the edit did ("No images added: …"), not that the job "finished".
        JobHandle<String> job = session.edit(name, m -> {
            String text = call.run(e, m);
            m.outcome(text);
            return text;
        });
        job.result().whenComplete((text, failure) -> fx.execute(() -> {
            if (job.state() == JobState.CANCELLED) {
                message.set(name + " cancelled: the dataset is as before");
            } else if (failure != null) {
                LOG.info("{} failed: {}", name, Failures.describe(failure));
                message.set(name + " failed: " + Failures.describe(failure));
            } else {
                message.set(text);
            }
            history.refresh();
            rescan();
        }));
    }

    /** Reads whether Undo and Redo have anything to do, off the FX thread; also after another pane edited. */
    void refreshHistory() {
        history.refresh();
    }

    /** What an import did: what it added, else "No images added: " and why; then what it skipped, and why. */
    static String describe(AddResult r) {
        if (r.skipped().isEmpty()) {
            return r.edit() == null ? "No images added: nothing chosen was an image" : r.edit().description();
        }
        StringBuilder sb = new StringBuilder(r.edit() == null ? "No images added: skipped "
                : r.edit().description() + "; skipped ").append(r.skipped().size()).append(": ");
        r.skipped().stream().limit(5).forEach(s -> sb.append(s.file().getFileName()).append(" (").append(s.reason())
                .append("), "));
        sb.setLength(sb.length() - 2);
        return r.skipped().size() > 5 ? sb.append(", …").toString() : sb.toString();
    }

    /** Shows a message in the status line (for the audit, whose findings may point at things now gone). */
    void say(String text) {
        message.set(text);
    }

    // ---- Selection ----

    public void click(String relativePath, boolean toggle, boolean extend) {
        selection.click(order(), relativePath, toggle, extend);
    }

    public void step(int delta, boolean extend) {
        selection.step(order(), delta, extend);
    }

    public void selectAll() {
        selection.setAll(order());
    }

    public String anchor() {
        return selection.anchor();
    }

    /** The selected images in grid order. */
    public List<String> selectedInOrder() {
        return order().stream().filter(selection.items()::contains).toList();
    }

    private List<String> order() {
        return images.stream().map(ImageEntry::relativePath).toList();
    }

    public ObservableSet<String> selection() { return selection.items(); }

    public ObservableList<ClassRow> classes() { return classes; }

    public StringProperty selectedClassProperty() { return selectedClass; }

    /** True while the grid shows the inbox; {@link #showInbox} sets it, selecting a class clears it. */
    public ReadOnlyBooleanProperty inboxShownProperty() { return inboxShown; }

    public ObservableList<ImageEntry> images() { return images; }

    public ReadOnlyObjectProperty<DatasetSnapshot> snapshotProperty() { return snapshot.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Set<String>> filterProperty() { return filter.getReadOnlyProperty(); }

    public ReadOnlyStringProperty filterLabelProperty() { return filterLabel.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** How many photos the inbox holds: those lying directly in the dataset folder, outside any class. */
    public ReadOnlyIntegerProperty looseProperty() { return loose.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canUndoProperty() { return history.canUndoProperty(); }

    public ReadOnlyBooleanProperty canRedoProperty() { return history.canRedoProperty(); }

    public Path root() {
        return session.root();
    }
}
