package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.ImageEntry;
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
import dev.loupe.ui.common.DatasetSession;
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
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The Curate pane's state for one dataset session, without a Node. {@link FolderScans} reads the folder as jobs on
 * the pane's queue, edits run on the studio's edit queue (the status bar shows them, with progress and cancel); their
 * results come back through the session's {@code fx} (Platform::runLater in the studio, Runnable::run in tests).
 */
public final class CurateViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(CurateViewModel.class);
    private final DatasetSession session;
    private final JobExecutor jobs;
    private final Executor fx;
    private final FolderScans folder;
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
        this.folder = new FolderScans(this, session, jobs);
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
        folder.open();
    }

    /** Takes the editor the open job read. */
    void adopt(DatasetEditor e, Optional<String> recovered) {
        editor = e;
        history.refresh();
        // Loupe was stopped mid-edit last time: say what was found and that Undo takes it back.
        recovered.ifPresent(message::set);
    }

    /** Scans the open folder again; called after each edit and when the watcher sees an outside change. */
    public void rescan() {
        folder.rescan();
    }

    /** The open's first class, shown in the grid until the whole folder's scan is published (FX thread). */
    void showFirst(List<ImageEntry> first) {
        if (snapshot.get() == null && images.isEmpty()) {
            images.setAll(first);
        }
    }

    /** Shows a scan of the folder: its classes, counts and notes; keeps the class shown if it is still there. */
    void publish(FolderScans.Scan scan) {
        DatasetSnapshot s = scan.snapshot();
        byClass = scan.byClass();
        snapshot.set(s);
        List<ClassRow> rows = new ArrayList<>();
        for (String c : s.classes()) {
            rows.add(new ClassRow(c, byClass.get(c).size(), scan.colours().get(c)));
        }
        classes.setAll(rows);
        loose.set(s.looseImages().size());
        if (!scan.notes().isEmpty()) {
            // A folder Loupe may not list, a HEIC photo, a nested folder...: say what is not shown, why.
            message.set(String.join("; ", scan.notes()));
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
        edit(move ? "Move images in" : "Add images", (e, m) -> e.add(target, files, move, m).summary());
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
        edit(move ? "Move images in" : "Add images", (e, m) -> e.addToInbox(files, move, m).summary());
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
