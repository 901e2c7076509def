package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.inbox.Inbox;
import dev.loupe.engine.inbox.InboxGroups;
import dev.loupe.engine.inbox.InboxOrder;
import dev.loupe.engine.inbox.InboxPhoto;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The inbox's suggestions and order for the Curate pane. Loading ({@link InboxSource#load}) and the background
 * retrain run as jobs on the studio's compute queue, so they show in the status bar and never on the FX thread; the
 * result replaces {@link #inboxProperty()} whole. The order is applied to whatever the grid or the keyboard loop
 * holds, so photos the last load did not know (just added) simply come last.
 */
final class InboxModel {

    private static final Logger LOG = LoggerFactory.getLogger(InboxModel.class);

    private final DatasetSession session;
    private final InboxSource source;
    private final ReadOnlyObjectWrapper<Inbox> inbox = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<InboxOrder> order = new SimpleObjectProperty<>(InboxOrder.DEFAULT);
    /** The photo {@link InboxOrder#SIMILAR} sorts by; null until one is chosen. */
    private final StringProperty anchor = new SimpleStringProperty();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    /** The same inbox gives the same groups each time it is grouped. */
    private static final long GROUP_SEED = 19;
    private Map<String, InboxPhoto> byPath = Map.of();
    private final Set<String> requested = new java.util.HashSet<>();
    private boolean loading;
    private boolean again;
    private boolean retraining;

    InboxModel(DatasetSession session, InboxSource source) {
        this.session = session;
        this.source = source;
        // A new run (trained in Train, or the automatic one) suggests anew, if the inbox was ever loaded.
        session.classifyModelProperty().addListener((o, was, now) -> {
            if (!requested.isEmpty()) {
                refresh();
            }
        });
    }

    /** Loads the inbox again (once at a time: a call while one loads asks for one more load after it). */
    void refresh() {
        if (loading) {
            again = true;
            return;
        }
        loading = true;
        busy.set(true);
        var handle = session.compute("Inbox suggestions", m -> source.load(session.root()).run(m));
        handle.result().whenComplete((loaded, failure) -> session.fx().execute(() -> {
            loading = false;
            busy.set(retraining);
            if (failure != null) {
                LOG.info("Inbox not loaded: {}", Failures.describe(failure));
                status.set("No suggestions: " + Failures.describe(failure));
            } else if (!session.isClosed()) {
                adopt(loaded);
            }
            if (again) {
                again = false;
                refresh();
            }
        }));
    }

    /**
     * Retrains on the cached features in the background (an automatic run), then loads the suggestions of the new
     * model. Skipped while one runs: the labels given meanwhile are in the next.
     */
    void retrain() {
        if (retraining || session.isClosed()) {
            return;
        }
        retraining = true;
        busy.set(true);
        status.set("Retraining on the new labels…");
        var handle = session.compute("Retrain (automatic)", m -> source.retrain(session.root()).run(m));
        handle.result().whenComplete((RunRecord run, Throwable failure) -> session.fx().execute(() -> {
            retraining = false;
            busy.set(loading);
            if (failure != null) {
                status.set("Automatic retrain failed: " + Failures.describe(failure));
                return;
            }
            status.set("");
            if (run != null && run.model() != null) {
                // The automatic run is now the selected one: Classify and Train show it too, and its suggestions
                // load as after any new run (the listener above).
                session.classifyModelProperty().set(session.runs().modelPath(run.id()));
            } else {
                refresh();
            }
        }));
    }

    /**
     * Groups the loaded inbox's photos still in {@code loose} by similarity ({@link InboxGroups}: k-means on the
     * cached features), one group per class, as a job on the compute queue; hands the groups to {@code done} on the
     * FX thread.
     */
    void group(Collection<String> loose, Consumer<List<InboxGroups.Group>> done) {
        Inbox in = inbox.get();
        if (in == null) {
            return;
        }
        Set<String> wanted = Set.copyOf(loose);
        List<InboxPhoto> photos = in.photos().stream().filter(p -> wanted.contains(p.path())).toList();
        int k = InboxGroups.defaultCount(photos.size(), in.classes().size());
        var handle = session.compute("Group similar", m -> InboxGroups.group(photos, k, GROUP_SEED));
        handle.result().whenComplete((groups, failure) -> session.fx().execute(() -> {
            if (failure != null) {
                status.set("Not grouped: " + Failures.describe(failure));
            } else if (!session.isClosed()) {
                done.accept(groups);
            }
        }));
    }

    private void adopt(Inbox loaded) {
        Map<String, InboxPhoto> map = new HashMap<>();
        loaded.photos().forEach(p -> map.put(p.path(), p));
        byPath = map;
        status.set(loaded.warnings().isEmpty() ? "" : String.join("; ", loaded.warnings()));
        inbox.set(loaded);
    }

    /** The photo as the last load saw it (its suggestion, its marks); null if that load did not know it. */
    InboxPhoto photo(String path) {
        return byPath.get(path);
    }

    /**
     * {@code paths} in the chosen order: those the last load knew by their figures, then the others by name. The
     * order of the engine ({@link Inbox#sorted}, {@link Inbox#similarTo}) decides; nothing is sorted here but the rest.
     */
    List<String> ordered(Collection<String> paths) {
        Inbox in = inbox.get();
        Set<String> wanted = Set.copyOf(paths);
        List<String> out = new ArrayList<>();
        if (in != null) {
            List<InboxPhoto> sorted = order.get() == InboxOrder.SIMILAR && anchor.get() != null
                    && in.photo(anchor.get()).isPresent() ? in.similarTo(anchor.get()) : in.sorted(order.get());
            sorted.stream().map(InboxPhoto::path).filter(wanted::contains).forEach(out::add);
        }
        Set<String> placed = Set.copyOf(out);
        paths.stream().filter(p -> !placed.contains(p)).sorted().forEach(out::add);
        return out;
    }

    /** The grid's inbox entries in the chosen order. */
    List<ImageEntry> sort(List<ImageEntry> entries) {
        Map<String, ImageEntry> map = new HashMap<>();
        entries.forEach(e -> map.put(e.relativePath(), e));
        return ordered(map.keySet()).stream().map(map::get).toList();
    }

    /**
     * Loads the inbox if {@code paths} (the inbox as the folder shows it now) holds a photo no load was asked for yet:
     * photos were added. Photos leaving the inbox (labelled) need no load; a photo that cannot be read is asked once.
     */
    void refreshFor(Collection<String> paths) {
        if (!requested.containsAll(paths)) {
            requested.addAll(paths);
            refresh();
        }
    }

    ReadOnlyObjectProperty<Inbox> inboxProperty() { return inbox.getReadOnlyProperty(); }

    ObjectProperty<InboxOrder> orderProperty() { return order; }

    StringProperty anchorProperty() { return anchor; }

    ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
}
