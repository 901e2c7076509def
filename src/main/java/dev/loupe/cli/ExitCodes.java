package dev.loupe.cli;

/** What {@code loupe} returns to the shell. */
final class ExitCodes {
    static final int OK = 0;
    /** Something went wrong inside Loupe. */
    static final int FAILURE = 1;
    /** The command line was wrong (picocli's own code). */
    static final int USAGE = 2;
    /** An input was missing, unreadable, damaged or unsuitable (a dataset, a model, an image). */
    static final int BAD_INPUT = 3;
    /** Another Loupe process is using the dataset; trying again later can work (sysexits' EX_TEMPFAIL). */
    static final int IN_USE = 75;
    /** Stopped by the user (Ctrl+C). */
    static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
