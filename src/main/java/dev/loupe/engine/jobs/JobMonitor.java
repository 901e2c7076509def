package dev.loupe.engine.jobs;

/**
 * What a running job may tell the world, and the one question it must keep asking: "should I stop?".
 * Implementations must be thread-safe; jobs call them from worker threads. Partial results must be immutable
 * records (never an INDArray or a live network: those belong to a DL4J workspace and thread).
 */
public interface JobMonitor {

    /** A named stage, e.g. "Extracting features". Resets progress. */
    void stage(String name);

    /** Work done out of total in the current stage; total <= 0 means unknown. */
    void progress(long done, long total);

    /** A short human-readable line about the current step (e.g. "37 img/s, 12 s left"). */
    void status(String message);

    /** A problem that does not stop the job (e.g. one unreadable image). */
    void warning(String message);

    /** An immutable intermediate result, e.g. one epoch's metrics. */
    void partial(Partial record);

    boolean isCancelled();

    /**
     * What the job did, in one line, said when it ends in place of "NAME finished" (e.g. "No images added: a.txt
     * (not an image)"): a job that may end having done nothing says so rather than "finished". Ignored by default.
     */
    default void outcome(String line) {
    }

    /** Throws {@link CancelledException} when cancellation was requested: call it at every iteration. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** A monitor that ignores everything and is never cancelled. */
    static JobMonitor silent() {
        return SilentMonitor.INSTANCE;
    }
}
