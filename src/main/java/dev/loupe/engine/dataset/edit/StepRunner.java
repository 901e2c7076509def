package dev.loupe.engine.dataset.edit;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Replays steps forwards (redo) or backwards (undo). A list that fails half-way is rolled back, so an edit is applied
 * whole or not at all, and the failure names the file that stood in the way.
 */
final class StepRunner {

    private final Path root;

    StepRunner(Path root) {
        this.root = root;
    }

    Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : root.resolve(path);
    }

    /** The first run of a new edit: like redo, except a copy is made from its source rather than the trash. */
    void firstRunAll(List<Step> steps) throws IOException {
        runForward(steps, true);
    }

    void redoAll(List<Step> steps) throws IOException {
        runForward(steps, false);
    }

    private void runForward(List<Step> steps, boolean first) throws IOException {
        List<Step> applied = new ArrayList<>();
        try {
            for (Step s : steps) {
                if (first && s.kind() == Step.Kind.COPY) {
                    FileMoves.copy(resolve(s.from()), resolve(s.to()));
                } else {
                    redo(s);
                }
                applied.add(s);
            }
        } catch (IOException e) {
            rollback(applied, true);
            throw explained(e);
        } catch (RuntimeException e) {
            rollback(applied, true);
            throw e;
        }
    }

    /** A file changed outside Loupe mid-edit (moved away, or one put where Loupe moves to): say so plainly. */
    static IOException explained(IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? " is no longer there"
                : e instanceof java.nio.file.FileAlreadyExistsException ? " already exists and would be overwritten"
                : null;
        if (why == null) {
            return e;
        }
        return new IOException(((java.nio.file.FileSystemException) e).getFile() + why + " (changed outside Loupe "
                + "while it was editing?). The edit was rolled back and no file was changed; try it again.", e);
    }

    void undoAll(List<Step> steps) throws IOException {
        List<Step> applied = new ArrayList<>();
        try {
            for (Step s : reversed(steps)) {
                undo(s);
                applied.add(s);
            }
        } catch (IOException | RuntimeException e) {
            rollback(applied, false);
            throw e;
        }
    }

    /** Reverts {@code applied} (newest last) after a failure; {@code forward} says which way they were run. */
    void rollback(List<Step> applied, boolean forward) {
        for (Step s : reversed(applied)) {
            try {
                if (forward) {
                    undo(s);
                } else {
                    redo(s);
                }
            } catch (IOException e) {
                // Nothing is lost (every step is a move), but the file now sits at the other end of the step.
                org.slf4j.LoggerFactory.getLogger(StepRunner.class).warn("Could not roll back {}: {}", s, e.toString());
            }
        }
    }

    private static List<Step> reversed(List<Step> steps) {
        List<Step> r = new ArrayList<>(steps);
        Collections.reverse(r);
        return r;
    }

    void redo(Step s) throws IOException {
        switch (s.kind()) {
            case MOVE -> FileMoves.move(resolve(s.from()), resolve(s.to()));
            case COPY -> FileMoves.move(resolve(s.trash()), resolve(s.to()));
            case MKDIR -> Files.createDirectories(resolve(s.to()));
        }
    }

    void undo(Step s) throws IOException {
        switch (s.kind()) {
            case MOVE -> FileMoves.move(resolve(s.to()), resolve(s.from()));
            case COPY -> FileMoves.move(resolve(s.to()), resolve(s.trash()));
            case MKDIR -> {
                try {
                    Files.deleteIfExists(resolve(s.to()));
                } catch (DirectoryNotEmptyException e) {
                    // Images were put in the new class since: the folder stays, undo only un-records it.
                }
            }
        }
    }
}
