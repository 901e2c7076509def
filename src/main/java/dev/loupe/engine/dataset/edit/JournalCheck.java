package dev.loupe.engine.dataset.edit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.loupe.engine.dataset.DatasetPaths;
import dev.loupe.engine.dataset.OutsideDatasetException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a journal read from disk before Loupe acts on it: it may be cut short, damaged, or made by hand to move the
 * user's files (a dataset can come from anyone). Every path must stay inside the dataset ({@link DatasetPaths}),
 * trash paths inside {@code .loupe/trash}, and nothing may touch the rest of {@code .loupe}. Paths outside the dataset
 * appear only as the shown-only source of a copy or move-in. Links are checked when a path is used.
 */
final class JournalCheck {

    private static final String LOUPE_DIR = ".loupe/";

    private JournalCheck() {
    }

    /** What is wrong with the journal, in words; null when it can be used. */
    static String damage(Journal.Document d, Path root) {
        if (d == null || d.done() == null || d.undone() == null) {
            return "its list of edits is missing";
        }
        List<Edit> all = new ArrayList<>(d.done());
        all.addAll(d.undone());
        if (d.pending() != null) {
            if (d.pending().action() == null || d.pending().edit() == null) {
                return "its unfinished edit is incomplete";
            }
            all.add(d.pending().edit());
        }
        for (Edit e : all) {
            if (e == null) {
                return "it holds an empty edit";
            }
            if (e.description() == null) {
                return "edit " + e.id() + " has no description";
            }
            for (Step s : e.steps()) {
                String why = damage(s, root, d.version() < 3);
                if (why != null) {
                    return "the edit \u201c" + e.description() + "\u201d " + why;
                }
            }
        }
        return null;
    }

    private static String damage(Step s, Path root, boolean old) {
        if (s.kind() == null) {
            return "has a step of no known kind";
        }
        try {
            inside(root, s.to(), false);
            switch (s.kind()) {
                case MOVE -> {
                    // Before format 3 a move in from outside the dataset was a MOVE from an absolute path.
                    if (!(old && isAbsolute(s.from()))) {
                        inside(root, s.from(), false);
                    }
                }
                case COPY, MOVE_IN -> inside(root, s.trash(), true);
                case MKDIR -> {
                    if (s.to().contains("/")) {
                        return "makes a folder that is not a class: " + s.to();
                    }
                }
            }
        } catch (OutsideDatasetException e) {
            return "names " + e.getMessage();
        }
        return null;
    }

    /** Inside the dataset; inside {@code .loupe} only within its trash (and there only if {@code trash}). */
    private static void inside(Path root, String path, boolean trash) throws OutsideDatasetException {
        Path p = DatasetPaths.lexical(root, path);
        String rel = root.relativize(p).toString().replace('\\', '/');
        boolean inTrash = (rel + "/").startsWith(Trash.DIR + "/") && !rel.equals(Trash.DIR);
        if (trash ? !inTrash : rel.startsWith(LOUPE_DIR) && !inTrash) {
            throw new OutsideDatasetException(path, trash ? "is not in the dataset's trash (.loupe/trash)"
                    : "is one of Loupe's own files");
        }
    }

    private static boolean isAbsolute(String path) {
        try {
            return path != null && Path.of(path).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** Older formats wrote a move in from outside the dataset as a MOVE from an absolute path: now a move-in. */
    static Journal.Document migrate(Journal.Document d, Path root) {
        if (d.version() >= 3) {
            return d;
        }
        Trash trash = new Trash(root);
        List<Edit> done = d.done().stream().map(e -> migrate(e, trash)).toList();
        List<Edit> undone = d.undone().stream().map(e -> migrate(e, trash)).toList();
        Pending pending = d.pending() == null ? null
                : new Pending(d.pending().action(), migrate(d.pending().edit(), trash));
        return new Journal.Document(d.version(), d.nextId(), done, undone, pending);
    }

    private static Edit migrate(Edit e, Trash trash) {
        List<Step> steps = e.steps().stream().map(s -> s.kind() == Step.Kind.MOVE && isAbsolute(s.from())
                ? Step.moveIn(s.from(), s.to(), trash.slotFor(s.to()), null) : s).toList();
        return new Edit(e.id(), e.description(), e.time(), steps);
    }

    static long maxId(Journal.Document d) {
        Stream<Edit> all = Stream.concat(d.done().stream(), d.undone().stream());
        if (d.pending() != null) {
            all = Stream.concat(all, Stream.of(d.pending().edit()));
        }
        return all.mapToLong(Edit::id).max().orElse(0);
    }

    /** Jackson's reason without the excerpt of the file it quotes. */
    static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int cut = m.indexOf('\n');
        m = (cut < 0 ? m : m.substring(0, cut)).replaceAll("\\p{Cntrl}", "?");
        m = m.length() > 160 ? m.substring(0, 160) + "…" : m;
        var at = e.getLocation();
        return "not readable as a journal: " + m + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr());
    }
}
