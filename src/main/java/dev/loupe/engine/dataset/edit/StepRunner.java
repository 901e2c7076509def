package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.DiskFull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs an edit's steps: a new edit's first run, and undo or redo of one read from the journal. Whatever fails
 * half-way is taken back, so an edit is applied whole or not at all, and the failure names the file that stood in
 * the way. Undo and redo first check every step ({@link #check}): each file they would move must be exactly what
 * Loupe put there ({@link StepFiles}), and its target free; otherwise nothing moves. A file that is gone (the trash
 * emptied by hand) is skipped and named, so one lost file never wedges the rest of the history.
 */
final class StepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final StepFiles files;

    StepRunner(Path root) {
        this.files = new StepFiles(root);
    }

    StepFiles files() {
        return files;
    }

    Path resolve(String path) throws IOException {
        return files.resolve(path);
    }

    // ---- The first run of a new edit, planned in this process from what the user chose ----

    /**
     * Runs a new edit. The sources of copies and move-ins (outside the dataset) come from the plan, never from the
     * journal. On failure, or when {@code monitor} asks to cancel, the steps done are taken back: moves put back,
     * copies Loupe made removed, so a cancelled import leaves the dataset as before.
     */
    void firstRun(List<Step> steps, JobMonitor monitor) throws IOException {
        List<Step> done = new ArrayList<>();
        try {
            for (Step s : steps) {
                if (monitor.isCancelled()) {
                    throw new CancelledException();
                }
                switch (s.kind()) {
                    case COPY -> FileMoves.copy(Path.of(s.from()), resolve(s.to()));
                    case MOVE_IN -> FileMoves.move(Path.of(s.from()), resolve(s.to()));
                    case MOVE -> FileMoves.move(resolve(s.from()), resolve(s.to()));
                    case MKDIR -> Files.createDirectory(resolve(s.to()));
                }
                done.add(s);
                monitor.progress(done.size(), steps.size());
            }
        } catch (IOException e) {
            int removed = takeBackFirstRun(done);
            throw explained(e, steps.get(done.size()), done.size(), removed);
        } catch (RuntimeException e) {
            takeBackFirstRun(done);
            throw e;
        }
    }

    /**
     * Takes back a new edit's steps, newest first; returns how many copies were removed. A copy is Loupe's own (its
     * source is untouched), so it is removed rather than trashed: a disk that filled up during an import is freed.
     */
    int takeBackFirstRun(List<Step> done) {
        int removed = 0;
        for (Step s : reversed(done)) {
            try {
                switch (s.kind()) {
                    case COPY -> {
                        if (files.at(s, s.to()).found() == StepFiles.Found.LOUPES) {
                            Files.delete(resolve(s.to()));
                            removed++;
                        } else {
                            LOG.warn("Left {} in place: it is not the copy Loupe made", s.to());
                        }
                    }
                    case MOVE_IN -> FileMoves.move(resolve(s.to()), Path.of(s.from()));
                    case MOVE -> FileMoves.move(resolve(s.to()), resolve(s.from()));
                    case MKDIR -> removeIfEmpty(resolve(s.to()));
                }
            } catch (IOException e) {
                // Nothing is lost (every step is a move, or a copy whose source is untouched).
                LOG.warn("Could not take back {}: {}", s, e.toString());
            }
        }
        return removed;
    }

    // ---- Undo and redo of an edit read from the journal ----

    /**
     * What undoing or redoing an edit will do, checked before any file moves.
     *
     * @param ready   the steps to run, in running order
     * @param already steps whose file is already where the walk would put it (moved there by hand)
     * @param gone    steps whose file is gone from where it should be: skipped, and dropped from the edit
     * @param notes   sentences for the user about the gone files and kept folders
     */
    record Plan(Edit edit, boolean backwards, List<Step> ready, List<Step> already, List<Step> gone,
                List<String> notes) {

        /** The edit as it can be walked back again: without its gone steps; null when nothing is left of it. */
        Edit left() {
            if (gone.isEmpty()) {
                return edit;
            }
            List<Step> kept = edit.steps().stream().filter(s -> !gone.contains(s)).toList();
            return kept.isEmpty() ? null : new Edit(edit.id(), edit.description() + " (" + kept.size() + " of "
                    + edit.steps().size() + ")", edit.time(), kept);
        }
    }

    /** Checks undoing ({@code backwards}) or redoing {@code edit}; throws, naming each obstacle, if it cannot. */
    Plan check(Edit edit, boolean backwards) throws IOException {
        List<Step> ready = new ArrayList<>();
        List<Step> already = new ArrayList<>();
        List<Step> gone = new ArrayList<>();
        List<String> goneNames = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        for (Step s : backwards ? reversed(edit.steps()) : edit.steps()) {
            try {
                if (s.kind() == Step.Kind.MKDIR) {
                    checkFolder(s, backwards, ready, already, kept, stops);
                    continue;
                }
                String src = backwards ? s.to() : s.sourceEnd();
                String dst = backwards ? s.sourceEnd() : s.to();
                StepFiles.At at = files.at(s, src);
                if (at.found() == StepFiles.Found.NOTHING) {
                    if (files.at(s, dst).found() == StepFiles.Found.LOUPES) {
                        already.add(s);
                    } else {
                        gone.add(s);
                        goneNames.add(src);
                    }
                } else if (at.found() == StepFiles.Found.OTHER) {
                    stops.add(src + " is " + at.what() + ", not the one Loupe put there");
                } else if (!files.free(dst)) {
                    stops.add(dst + " already exists, and Loupe never overwrites a file");
                } else {
                    ready.add(s);
                }
            } catch (IOException e) {
                stops.add(e.getMessage());
            }
        }
        String walk = backwards ? "undo" : "redo";
        if (!stops.isEmpty()) {
            throw new IOException("Could not " + walk + " \u201c" + edit.description() + "\u201d: " + list(stops)
                    + ". Nothing was changed, and it can still be " + (backwards ? "undone" : "redone") + " once that "
                    + "is sorted out (move the file in the way elsewhere, or put the original back).");
        }
        List<String> notes = new ArrayList<>();
        if (!gone.isEmpty()) {
            String cause = goneNames.stream().allMatch(n -> n.startsWith(Trash.DIR + "/"))
                    ? "the trash was emptied outside Loupe?" : "moved or deleted outside Loupe?";
            boolean one = goneNames.size() == 1;
            notes.add(list(goneNames) + (one ? " is" : " are") + " gone (" + cause + "), so " + (one ? "it" : "they")
                    + (backwards ? " could not be put back" : " could not be redone"));
        }
        notes.addAll(kept);
        return new Plan(edit, backwards, ready, already, gone, notes);
    }

    private void checkFolder(Step s, boolean backwards, List<Step> ready, List<Step> already, List<String> kept,
                             List<String> stops) throws IOException {
        StepFiles.At at = files.at(s, s.to());
        if (at.found() == StepFiles.Found.OTHER) {
            stops.add(s.to() + " is " + at.what() + ", not the folder Loupe made");
        } else if (!backwards) {
            (at.found() == StepFiles.Found.NOTHING ? ready : already).add(s);
        } else if (at.found() == StepFiles.Found.NOTHING) {
            already.add(s);
        } else if (StepFiles.isEmptyFolder(resolve(s.to()))) {
            ready.add(s);
        } else {
            // Images were put in the new class since: the folder stays; undo only un-records making it.
            kept.add(s.to() + " was kept: it is not empty");
            already.add(s);
        }
    }

    /** Runs a checked plan; if a step fails, the ones run are taken back and the failure explained. */
    void run(Plan plan) throws IOException {
        List<Step> ran = new ArrayList<>();
        try {
            for (Step s : plan.ready()) {
                walk(s, plan.backwards());
                ran.add(s);
            }
        } catch (IOException e) {
            takeBack(ran, plan.backwards());
            throw explained(e);
        } catch (RuntimeException e) {
            takeBack(ran, plan.backwards());
            throw e;
        }
    }

    /** Takes back steps a walk ran ({@code backwards}: undone), newest first: after a failure, or an unrecorded walk. */
    void takeBack(List<Step> ran, boolean backwards) {
        for (Step s : reversed(ran)) {
            try {
                walk(s, !backwards);
            } catch (IOException e) {
                // Nothing is lost (every step is a move), but the file now sits at the other end of the step.
                LOG.warn("Could not roll back {}: {}", s, e.toString());
            }
        }
    }

    /** Moves one step's file (or makes or removes its folder) one way, unchecked: for a plan, or a test. */
    void walk(Step s, boolean backwards) throws IOException {
        if (s.kind() == Step.Kind.MKDIR) {
            if (backwards) {
                removeIfEmpty(resolve(s.to()));
            } else {
                Files.createDirectories(resolve(s.to()));
            }
            return;
        }
        Path a = resolve(s.sourceEnd());
        Path b = resolve(s.to());
        FileMoves.move(backwards ? b : a, backwards ? a : b);
    }

    private static void removeIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // Something was put in it since: it stays.
        }
    }

    /** A file changed outside Loupe mid-edit (moved away, or one put where Loupe moves to): say so plainly. */
    static IOException explained(IOException e) {
        String why = e instanceof NoSuchFileException ? " is no longer there"
                : e instanceof FileAlreadyExistsException ? " already exists and would be overwritten"
                : null;
        if (why == null) {
            return e;
        }
        return new IOException(((FileSystemException) e).getFile() + why + " (changed outside Loupe "
                + "while it was editing?). The edit was rolled back and no file was changed; try it again.", e);
    }

    /** A new edit's failure: a full disk says how much is free and what was taken back, the rest as above. */
    private IOException explained(IOException e, Step failed, int done, int removed) {
        if (!DiskFull.causedBy(files.root(), e)) {
            return explained(e);
        }
        String verb = failed.kind() == Step.Kind.COPY ? "copy " : "move ";
        String what = failed.from() == null ? failed.to() : Path.of(failed.from()).getFileName().toString();
        String back = removed > 0 ? " The " + (removed == 1 ? "copy" : removed + " copies") + " made before it "
                + (removed == 1 ? "was" : "were") + " removed again" + (done > removed ? " and the other files "
                + "moved were put back" : "") + ", so the dataset is as before."
                : done > 0 ? " The files moved before it were put back, so the dataset is as before."
                : " Nothing was changed.";
        return new IOException("Could not " + verb + what + " to " + failed.to() + ": the disk is full ("
                + DiskFull.freeBytes(files.root()) / 1024 + " KB free now)." + back
                + " Free some space and try again.", e);
    }

    private static String list(List<String> items) {
        return String.join("; ", items.subList(0, Math.min(5, items.size())))
                + (items.size() > 5 ? " and " + (items.size() - 5) + " more" : "");
    }

    private static List<Step> reversed(List<Step> steps) {
        List<Step> r = new ArrayList<>(steps);
        Collections.reverse(r);
        return r;
    }
}
