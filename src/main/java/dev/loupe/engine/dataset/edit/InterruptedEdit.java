package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.dataset.OutsideDatasetException;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settles an edit, undo or redo that Loupe was stopped in the middle of (killed, power lost), found as the journal's
 * {@link Pending} entry when the dataset is opened. Each planned step is looked up on disk: a step whose file sits at
 * its {@code to} end is applied, one whose file is still at its {@code from} end (or in the trash) is not. The
 * applied part becomes the newest undoable edit, so Undo puts every file that moved back where it was before.
 *
 * <p>Why record the part that was done rather than roll it back or complete it when the dataset opens: settling this
 * way only rewrites the journal (one atomic write) and moves none of the user's files behind their back. Completing
 * the edit would carry out a plan made for a folder that may have changed since (and could itself be cut short);
 * rolling it back unasked would undo work the user may want to keep. The user is told what was found and decides:
 * Undo takes it back, anything else keeps it.
 */
final class InterruptedEdit {

    /** Where a step's file was found. */
    private enum State { APPLIED, NOT_APPLIED, MISSING, OUTSIDE }

    private final Pending pending;
    private final StepFiles files;
    private final List<Step> applied = new ArrayList<>();
    private final List<Step> present = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> removedCopies = new ArrayList<>();
    private final List<String> othersLeft = new ArrayList<>();
    private final List<String> unfinishedCopies = new ArrayList<>();
    private final List<String> outside = new ArrayList<>();

    private InterruptedEdit(Pending pending, StepRunner runner) {
        this.pending = pending;
        this.files = runner.files();
    }

    /** Settles the journal's pending entry, if any; returns what the user must be told. */
    static Optional<String> settle(Journal journal, StepRunner runner) throws IOException {
        Pending p = journal.pending();
        if (p == null) {
            return Optional.empty();
        }
        Edit newest = p.action() == Pending.Action.UNDO ? journal.peekUndo()
                : p.action() == Pending.Action.REDO ? journal.peekRedo() : p.edit();
        if (newest == null || newest.id() != p.edit().id()) {
            // Cannot happen with this journal (both are written in one file), but a hand-edited one could do it.
            journal.settle(() -> { });
            return Optional.of("Loupe was stopped while changing the dataset, and the unfinished change (\u201c"
                    + p.edit().description() + "\u201d) does not match the history, so it was left as it is.");
        }
        InterruptedEdit found = new InterruptedEdit(p, runner);
        for (Step s : p.edit().steps()) {
            State state = found.state(s);
            if (state == State.MISSING) {
                found.missing.add(s.to());
            } else if (state != State.OUTSIDE) {
                found.present.add(s);
            }
            if (state == State.APPLIED) {
                found.applied.add(s);
            }
        }
        found.removeUnfinishedCopies();
        return Optional.of(found.record(journal) + found.notes());
    }

    /**
     * A copy Loupe was writing when it was stopped sits under a hidden temporary name beside its target
     * ({@link FileMoves#temporaryCopy}). Its source was still in place, so the copy is only Loupe's own debris: the
     * scanner skips it, but it takes space and the user would find it in the file manager.
     */
    private void removeUnfinishedCopies() throws IOException {
        for (Step s : pending.edit().steps()) {
            // Only the ends inside the dataset: the source of a copy or move-in is never touched from the journal.
            for (String end : new String[] {s.viaTrash() ? null : s.from(), s.to(), s.trash()}) {
                if (end == null) {
                    continue;
                }
                try {
                    if (Files.deleteIfExists(FileMoves.temporaryCopy(files.resolve(end)))) {
                        unfinishedCopies.add(end);
                    }
                } catch (OutsideDatasetException e) {
                    // Named as left out by state(); nothing is touched through a link.
                }
            }
        }
    }

    private String record(Journal journal) throws IOException {
        Edit edit = pending.edit();
        // The edit without the steps whose file is gone: undo or redo of those could only fail.
        Edit whole = present.size() == edit.steps().size() ? edit
                : new Edit(edit.id(), edit.description(), edit.time(), present);
        String what = "\u201c" + edit.description() + "\u201d";
        int total = present.size();
        int done = applied.size();
        String intro = "Loupe was stopped ";
        switch (pending.action()) {
            case APPLY -> {
                if (done == 0) {
                    journal.settle(() -> { });
                    return intro + "as it began " + what + ": nothing had changed yet, so the dataset is as before.";
                }
                if (done == total) {
                    journal.recordDone(whole);
                    return intro + "just after " + what + ": it was complete and is in the history; Undo "
                            + "takes it back.";
                }
                Edit part = part(edit, " (stopped after " + done + " of " + total + ")");
                journal.recordDone(part);
                return intro + "part-way through " + what + ": " + done + " of its " + total + " file changes had "
                        + "been made. They are kept as the edit \u201c" + part.description() + "\u201d: Undo puts "
                        + "every file back where it was before; the other " + (total - done) + " never changed.";
            }
            case UNDO -> {
                if (done == total) {
                    journal.settle(() -> replaceNewestDone(journal, whole));
                    return intro + "as it began undoing " + what + ": nothing had changed; it can still be undone.";
                }
                if (done == 0) {
                    journal.settle(() -> {
                        journal.dropNewestDone();
                        journal.pushUndone(whole);
                    });
                    return intro + "just after undoing " + what + ": it is undone, and Redo can redo it.";
                }
                Edit part = part(edit, " (" + done + " of " + total + " left to undo)");
                journal.settle(() -> replaceNewestDone(journal, part));
                return intro + "part-way through undoing " + what + ": " + (total - done) + " of its " + total
                        + " file changes were undone. The other " + done + " are kept as the edit \u201c"
                        + part.description() + "\u201d: Undo again to put every file back where it was before.";
            }
            default -> {
                if (done == 0) {
                    journal.settle(() -> {
                        journal.dropNewestUndone();
                        journal.pushUndone(whole);
                    });
                    return intro + "as it began redoing " + what + ": nothing had changed; it can still be redone.";
                }
                if (done == total) {
                    journal.settle(() -> {
                        journal.dropNewestUndone();
                        journal.pushDone(whole);
                    });
                    return intro + "just after redoing " + what + ": it is redone, and Undo takes it back.";
                }
                Edit part = part(edit, " (redone " + done + " of " + total + ")");
                journal.settle(() -> {
                    journal.dropNewestUndone();
                    journal.pushDone(part);
                });
                return intro + "part-way through redoing " + what + ": " + done + " of its " + total + " file "
                        + "changes were redone. They are kept as the edit \u201c" + part.description() + "\u201d: "
                        + "Undo puts every file back where it was before.";
            }
        }
    }

    private static void replaceNewestDone(Journal journal, Edit edit) {
        journal.dropNewestDone();
        journal.pushDone(edit);
    }

    private Edit part(Edit edit, String suffix) {
        return new Edit(edit.id(), edit.description() + suffix, edit.time(), applied);
    }

    private String notes() {
        StringBuilder out = new StringBuilder();
        if (!missing.isEmpty()) {
            out.append(" Not found at either end (moved or deleted outside Loupe), so left out: ")
                    .append(list(missing)).append('.');
        }
        if (!outside.isEmpty()) {
            out.append(" Not touched, since the journal leads outside the dataset there: ").append(list(outside))
                    .append('.');
        }
        if (!removedCopies.isEmpty()) {
            out.append(" Found at both ends with the same content, so the copy Loupe had made was removed: ")
                    .append(list(removedCopies)).append('.');
        }
        if (!othersLeft.isEmpty()) {
            out.append(" Another file (not the one Loupe was moving) was found and left in place: ")
                    .append(list(othersLeft)).append('.');
        }
        if (!unfinishedCopies.isEmpty()) {
            out.append(" The unfinished copy Loupe was writing (a hidden file, its source untouched) was removed: ")
                    .append(list(unfinishedCopies)).append('.');
        }
        return out.toString();
    }

    private static String list(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    /**
     * Where the step's file is now, judged by the content the step recorded ({@link StepFiles}): a file only counts
     * as the step's if it is exactly what Loupe was moving. Found at both ends (a move across disks copies, then
     * removes the source) the end the operation was moving it to holds Loupe's copy, which is removed; another file
     * at either end is the user's, left in place and named.
     */
    private State state(Step s) throws IOException {
        try {
            if (s.kind() == Step.Kind.MKDIR) {
                return files.at(s, s.to()).found() == StepFiles.Found.LOUPES ? State.APPLIED : State.NOT_APPLIED;
            }
            boolean undoing = pending.action() == Pending.Action.UNDO;
            StepFiles.At atTo = files.at(s, s.to());
            if (s.viaTrash() && pending.action() == Pending.Action.APPLY) {
                // A first copy or move-in: its source is outside the dataset, never looked at from the journal. The
                // copy is made under a temporary name, then renamed, so a file at the target is whole.
                return atTo.found() == StepFiles.Found.LOUPES ? State.APPLIED : leftOut(s.to(), atTo, State.NOT_APPLIED);
            }
            String fromEnd = s.sourceEnd();
            StepFiles.At atFrom = files.at(s, fromEnd);
            boolean toIs = atTo.found() == StepFiles.Found.LOUPES;
            boolean fromIs = atFrom.found() == StepFiles.Found.LOUPES;
            if (toIs && fromIs) {
                if (s.content() == null && !StepFiles.sameBytes(files.resolve(s.to()), files.resolve(fromEnd))) {
                    // An old journal recorded no content, and the two differ: neither is a copy of the other.
                    othersLeft.add(undoing ? fromEnd : s.to());
                    return undoing ? State.APPLIED : State.NOT_APPLIED;
                }
                String copy = undoing ? fromEnd : s.to();
                Files.delete(files.resolve(copy));
                removedCopies.add(copy);
                return undoing ? State.APPLIED : State.NOT_APPLIED;
            }
            if (toIs) {
                return leftOut(fromEnd, atFrom, State.APPLIED);
            }
            if (fromIs) {
                return leftOut(s.to(), atTo, State.NOT_APPLIED);
            }
            leftOut(s.to(), atTo, State.MISSING);
            leftOut(fromEnd, atFrom, State.MISSING);
            return State.MISSING;
        } catch (OutsideDatasetException e) {
            outside.add(e.getMessage());
            return State.OUTSIDE;
        }
    }

    /** Notes a file at {@code end} that is not the step's (the user's), and returns {@code state}. */
    private State leftOut(String end, StepFiles.At at, State state) {
        if (at.found() == StepFiles.Found.OTHER) {
            othersLeft.add(end + " (" + at.what() + ")");
        }
        return state;
    }
}
