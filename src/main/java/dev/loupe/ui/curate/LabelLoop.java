package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.inbox.AutoRetrain;
import dev.loupe.engine.inbox.InboxPhoto;
import dev.loupe.engine.inbox.Suggestion;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The keyboard labelling loop over the inbox, without a Node: one photo at a time in the inbox's order; accept the
 * suggestion, assign a class by number or by typing its name, skip, trash, undo. The next photo is shown at once: the
 * queue moves here, on the FX thread, and the file move runs as an edit on Curate's queue behind it (so an undo queued
 * after it runs after it). Every few labels, and when the user pauses, the model retrains in the background; the new
 * order applies to the photos after the one shown, never to the one under the user's eyes.
 */
final class LabelLoop {

    /** What a key did, to undo it. */
    private enum Kind { LABEL, TRASH, SKIP }

    private record Done(String path, Kind kind) {
    }

    private final CurateViewModel curate;
    private final InboxModel inbox;
    private final LongSupplier millis;
    /** The inbox photos still to label, the one shown first. */
    private final List<String> queue = new ArrayList<>();
    /** Photos labelled or trashed whose move the folder may not show yet: a scan must not bring them back. */
    private final Set<String> gone = new HashSet<>();
    /** Photos an undo brings back whose return the folder may not show yet: a scan must not drop them. */
    private final Set<String> returning = new HashSet<>();
    private final Deque<Done> done = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<String> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper left = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper labelled = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper find = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final IntegerProperty retrainEvery = new SimpleIntegerProperty(AutoRetrain.DEFAULT_EVERY);
    private long firstLabelAt = -1;
    private int sinceRetrain;

    LabelLoop(CurateViewModel curate, InboxModel inbox, LongSupplier millis) {
        this.curate = curate;
        this.inbox = inbox;
        this.millis = millis;
        curate.snapshotProperty().addListener((o, was, now) -> {
            if (active.get() && now != null) {
                follow(now);
            }
        });
        inbox.inboxProperty().addListener((o, was, now) -> {
            if (active.get()) {
                reorder();
            }
        });
    }

    /** Starts on the inbox in its order, at the first photo. */
    void start() {
        DatasetSnapshot s = curate.snapshotProperty().get();
        queue.clear();
        gone.clear();
        returning.clear();
        done.clear();
        if (s != null) {
            queue.addAll(inbox.ordered(s.looseImages()));
        }
        active.set(true);
        show();
    }

    /** Leaves the loop; labels given since the last retrain are learnt now. */
    void stop() {
        active.set(false);
        paused();
    }

    /** The user has stopped typing for a while: a good moment to learn the labels given since the last retrain. */
    void paused() {
        if (sinceRetrain > 0 && curate.classes().size() >= 2) {
            sinceRetrain = 0;
            inbox.retrain();
        }
    }

    /** Enter: the class typed so far, else the model's suggestion. False when there is neither. */
    boolean accept() {
        String typed = found();
        if (typed != null) {
            return label(typed);
        }
        Suggestion s = suggestion();
        return s != null && label(s.label());
    }

    /** 1-9: the class with that number (1 = the first class in the list). */
    boolean assign(int number) {
        List<ClassRow> classes = curate.classes();
        return number >= 1 && number <= classes.size() && label(classes.get(number - 1).name());
    }

    /** Space or Right: the photo goes to the end of the queue, unlabelled. */
    void skip() {
        String path = current.get();
        if (path != null && queue.size() > 1) {
            queue.remove(0);
            queue.add(path);
            done.push(new Done(path, Kind.SKIP));
            show();
        }
    }

    /** Delete: the photo goes to the dataset's trash (undoable). */
    void trash() {
        String path = take();
        if (path != null) {
            curate.trash(List.of(path), "");
            done.push(new Done(path, Kind.TRASH));
            show();
        }
    }

    /** Ctrl+Z: takes back the last key of this loop; the photo it moved is shown again. */
    void undo() {
        Done last = done.poll();
        if (last == null) {
            curate.undo();
            return;
        }
        if (last.kind() == Kind.SKIP) {
            queue.remove(last.path());
        } else {
            curate.undo();
            gone.remove(last.path());
            returning.add(last.path());
            if (last.kind() == Kind.LABEL) {
                labelled.set(labelled.get() - 1);
                sinceRetrain = Math.max(0, sinceRetrain - 1);
            }
        }
        queue.add(0, last.path());
        show();
    }

    /** A letter typed: narrows the class Enter will assign (type-to-find, for more than nine classes). */
    void type(String text) {
        find.set(find.get() + text);
    }

    /** Backspace in a search: one letter less; Escape: no search. */
    void eraseFind(boolean all) {
        String f = find.get();
        find.set(all || f.isEmpty() ? "" : f.substring(0, f.length() - 1));
    }

    /** The class the typed text finds: the first whose name starts with it, else the first that contains it. */
    String found() {
        String f = find.get().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) {
            return null;
        }
        List<String> names = curate.classes().stream().map(ClassRow::name).toList();
        return names.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(f)).findFirst()
                .or(() -> names.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(f)).findFirst())
                .orElse(null);
    }

    /** The suggestion for the photo shown, if the model knows it and its class still exists. */
    Suggestion suggestion() {
        InboxPhoto p = photo();
        if (p == null || p.suggestion() == null) {
            return null;
        }
        String label = p.suggestion().label();
        return curate.classes().stream().anyMatch(c -> c.name().equals(label)) ? p.suggestion() : null;
    }

    /** The photo shown as the last inbox load saw it; null if none is shown or it was added since. */
    InboxPhoto photo() {
        return current.get() == null ? null : inbox.photo(current.get());
    }

    /** The next few photos after the one shown, for prefetching their thumbnails. */
    List<String> upcoming(int n) {
        return queue.subList(Math.min(1, queue.size()), Math.min(queue.size(), n + 1));
    }

    private boolean label(String className) {
        String path = take();
        if (path == null) {
            return false;
        }
        curate.moveImages(List.of(path), className);
        done.push(new Done(path, Kind.LABEL));
        labelled.set(labelled.get() + 1);
        long now = millis.getAsLong();
        if (firstLabelAt < 0) {
            firstLabelAt = now;
        }
        updateRate(now);
        if (++sinceRetrain >= retrainEvery.get() && retrainEvery.get() > 0) {
            sinceRetrain = 0;
            inbox.retrain();
        }
        show();
        return true;
    }

    private String take() {
        String path = current.get();
        if (path == null) {
            return null;
        }
        queue.remove(0);
        gone.add(path);
        find.set("");
        return path;
    }

    private void updateRate(long now) {
        double minutes = (now - firstLabelAt) / 60_000.0;
        // From the first label on; under ten seconds the figure would only jump about.
        rate.set(minutes < 1 / 6.0 ? "" : String.format("%.0f per minute", (labelled.get() - 1) / minutes));
    }

    /** The folder changed: drop photos that left the inbox, add new ones at the end. */
    private void follow(DatasetSnapshot s) {
        Set<String> loose = Set.copyOf(s.looseImages());
        gone.retainAll(loose);
        returning.removeAll(loose);
        queue.removeIf(p -> !loose.contains(p) && !returning.contains(p));
        Set<String> queued = Set.copyOf(queue);
        s.looseImages().stream().filter(p -> !queued.contains(p) && !gone.contains(p)).forEach(queue::add);
        show();
    }

    /** New suggestions: the photo shown stays; the rest take the new order. */
    private void reorder() {
        if (queue.size() < 2) {
            show();
            return;
        }
        String shown = queue.get(0);
        List<String> rest = inbox.ordered(queue.subList(1, queue.size()));
        queue.subList(1, queue.size()).clear();
        queue.addAll(rest);
        show();
        current.set(shown);
    }

    private void show() {
        left.set(queue.size());
        current.set(queue.isEmpty() ? null : queue.get(0));
    }

    ReadOnlyObjectProperty<String> currentProperty() { return current.getReadOnlyProperty(); }

    ReadOnlyIntegerProperty leftProperty() { return left.getReadOnlyProperty(); }

    ReadOnlyIntegerProperty labelledProperty() { return labelled.getReadOnlyProperty(); }

    ReadOnlyStringProperty rateProperty() { return rate.getReadOnlyProperty(); }

    ReadOnlyStringProperty findProperty() { return find.getReadOnlyProperty(); }

    ReadOnlyBooleanProperty activeProperty() { return active.getReadOnlyProperty(); }

    IntegerProperty retrainEveryProperty() { return retrainEvery; }

    /** The queue as it stands (tests, the labelling benchmark). */
    List<String> queue() {
        return List.copyOf(queue);
    }
}
