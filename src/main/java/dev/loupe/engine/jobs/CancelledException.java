package dev.loupe.engine.jobs;

/** Thrown inside a job when its monitor reports cancellation; the job ends in the CANCELLED state. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("Cancelled by the user", null, false, false);
    }
}
