package dev.loupe.engine.jobs;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one rule for the words of a failure, wherever it is shown (a job's snapshot, the status bar, a pane's message
 * line, the CLI): the message of the exception that says what went wrong, not of the wrappers around it (a future's
 * CompletionException or ExecutionException, an UncheckedIOException, or an exception made from another whose whole
 * message is that one's); a missing or unreadable file or folder in plain words; and never "null": one without a
 * message is named, with where to find the details.
 */
public final class Failures {

    private Failures() {
    }

    public static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && (t instanceof CompletionException
                || t instanceof ExecutionException || t instanceof UncheckedIOException
                || Objects.equals(t.getMessage(), t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException n) {
            return n.getFile() + ": not found" + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
        }
        if (t instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied; check the file's permissions";
        }
        if (t instanceof NotDirectoryException d) {
            return d.getFile() + " is not a folder";
        }
        String message = t.getMessage();
        return message == null || message.isBlank()
                ? "unexpected " + t.getClass().getSimpleName() + " (details in the log)" : message;
    }
}
