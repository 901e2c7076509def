package dev.loupe.ui.classify;

import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.dataset.edit.Step;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The points lassoed on the map and "move them to another class". Files move through the session's DatasetEditor, so
 * Edit > Undo puts them back; the map is recoloured rather than recomputed, since an image's features do not depend
 * on the folder it sits in. No Node: the view binds {@link #selectionProperty()} and calls {@link #moveSelectedTo}.
 */
final class Relabeller {

    private final ObjectProperty<ScatterData> scatter;
    private final DatasetSession session;
    private final Executor fx;
    private final StringProperty message;
    private final Runnable edited;
    private final ObjectProperty<int[]> selection = new SimpleObjectProperty<>(new int[0]);
    /** The map as it was before and after each relabel, by edit id, so undo and redo restore its colours. */
    private final Map<Long, ScatterData> before = new HashMap<>();
    private final Map<Long, ScatterData> after = new HashMap<>();

    /** {@code edited} runs (FX thread) after each move, so the Edit menu can learn there is something to undo. */
    Relabeller(ObjectProperty<ScatterData> scatter, DatasetSession session, StringProperty message, Runnable edited) {
        this.scatter = scatter;
        this.session = session;
        this.fx = session.fx();
        this.message = message;
        this.edited = edited;
        // Indices only mean something for the map they were picked on; partial layouts keep the same points.
        scatter.addListener((o, was, now) -> {
            if (was == null || now == null || was.size() != now.size()) {
                selection.set(new int[0]);
                before.clear();
                after.clear();
            }
        });
    }

    ObjectProperty<int[]> selectionProperty() { return selection; }

    /** Moves the selected images' files into {@code className} in the background, then recolours them. */
    void moveSelectedTo(String className) {
        int[] picked = selection.get();
        ScatterData d = scatter.get();
        if (picked.length == 0 || d == null || className == null) {
            return;
        }
        Path base = session.root();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i : picked) {
            indexOf.put(relative(base, d.files().get(i)), i);
        }
        List<String> rels = new ArrayList<>(indexOf.keySet());
        session.edit("Move to " + className, m -> {
            Optional<Edit> moved = session.editor().moveImages(rels, className);
            m.outcome(moved.map(Edit::description).orElse("Already in " + className));
            return moved;
        }).result()
                .whenComplete((edit, error) -> fx.execute(() -> {
                    if (error != null) {
                        message.set("Could not move: " + Failures.describe(error));
                    } else if (edit.isEmpty()) {
                        message.set("Already in " + className);
                    } else {
                        recolour(edit.get(), className, base, indexOf);
                    }
                    edited.run();
                }));
    }

    private void recolour(Edit edit, String className, Path base, Map<String, Integer> indexOf) {
        ScatterData now = scatter.get();
        selection.set(new int[0]);
        message.set(edit.description() + " (Undo to revert)");
        if (now == null) {
            return;
        }
        List<String> classes = new ArrayList<>(now.classes());
        if (!classes.contains(className)) {
            classes.add(className);
        }
        int c = classes.indexOf(className);
        int[] classOf = now.classOf().clone();
        List<Path> files = new ArrayList<>(now.files());
        for (Step s : edit.steps()) {
            Integer i = indexOf.get(s.from());
            if (s.kind() == Step.Kind.MOVE && i != null && i < classOf.length) {
                classOf[i] = c;
                files.set(i, base.resolve(s.to()));
            }
        }
        ScatterData moved = new ScatterData(classes, classOf, files, now.layout());
        before.put(edit.id(), now);
        after.put(edit.id(), moved);
        scatter.set(moved);
    }

    /** Told that Edit > Undo reverted {@code edit}: if it was a relabel of this map, its colours go back too. */
    void undone(Edit edit) {
        restore(before.get(edit.id()));
    }

    /** Told that Edit > Redo re-applied {@code edit}: a relabel of this map recolours its points again. */
    void redone(Edit edit) {
        restore(after.get(edit.id()));
    }

    /** Colours and files of a remembered state, on the layout shown now (a relabel never moves points). */
    private void restore(ScatterData colours) {
        ScatterData now = scatter.get();
        if (colours != null && now != null && now.size() == colours.size()) {
            scatter.set(colours.withLayout(now.layout()));
        }
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file.toAbsolutePath().normalize()).toString().replace(File.separatorChar, '/');
    }
}
