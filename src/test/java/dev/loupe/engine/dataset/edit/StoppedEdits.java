package dev.loupe.engine.dataset.edit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Leaves a dataset exactly as a Loupe killed in the middle of an operation leaves it: the operation pending in the
 * journal (written by the real {@link Journal}) and its first {@code stepsDone} steps run by the real
 * {@link StepRunner}, in the order the editor runs them. The kill itself is real in the fault suite's KillTest; here
 * the cut falls on a chosen step, so every way of settling it is tested.
 */
public final class StoppedEdits {

    private StoppedEdits() {
    }

    /** A move of {@code moves} ({from, to} relative paths) as one edit, stopped after {@code stepsDone} files. */
    public static void stoppedApply(Path root, String description, List<String[]> moves, int stepsDone)
            throws IOException {
        Journal journal = journal(root);
        List<Step> steps = new ArrayList<>();
        for (String[] m : moves) {
            Step.Content content = StepFiles.contentOf(root.resolve(m[0]));
            // A file from outside the dataset is moved in as the editor plans it (Importer): a move-in.
            steps.add(Path.of(m[0]).isAbsolute() ? Step.moveIn(m[0], m[1], new Trash(root).slotFor(m[1]), content)
                    : Step.move(m[0], m[1], content));
        }
        Edit edit = new Edit(journal.newId(), description, System.currentTimeMillis(), steps);
        journal.begin(Pending.Action.APPLY, edit);
        new StepRunner(root.toAbsolutePath().normalize()).firstRun(steps.subList(0, stepsDone),
                dev.loupe.engine.jobs.JobMonitor.silent());
    }

    /** The newest edit's undo, stopped after {@code stepsDone} of its steps (undo runs them last first). */
    public static void stoppedUndo(Path root, int stepsDone) throws IOException {
        Journal journal = journal(root);
        Edit edit = journal.peekUndo();
        journal.begin(Pending.Action.UNDO, edit);
        List<Step> reversed = new ArrayList<>(edit.steps());
        Collections.reverse(reversed);
        run(root, reversed.subList(0, stepsDone), false);
    }

    /** The newest undone edit's redo, stopped after {@code stepsDone} of its steps. */
    public static void stoppedRedo(Path root, int stepsDone) throws IOException {
        Journal journal = journal(root);
        Edit edit = journal.peekRedo();
        journal.begin(Pending.Action.REDO, edit);
        run(root, edit.steps().subList(0, stepsDone), true);
    }

    private static Journal journal(Path root) throws IOException {
        return Journal.open(root);
    }

    private static void run(Path root, List<Step> steps, boolean forward) throws IOException {
        StepRunner runner = new StepRunner(root.toAbsolutePath().normalize());
        for (Step s : steps) {
            runner.walk(s, !forward);
        }
    }
}
