package dev.loupe.ui.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What went wrong in a background job, in words for a pane's status line. */
public final class FailureMessages {

    private FailureMessages() {
    }

    /**
     * The message of the failure a job's future reports, unwrapped from the {@link CompletionException} or
     * {@link ExecutionException} around it; the exception itself where it has no message.
     */
    public static String of(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof CompletionException || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
