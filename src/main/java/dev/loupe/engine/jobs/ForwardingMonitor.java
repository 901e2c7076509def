package dev.loupe.engine.jobs;

import java.util.Objects;

/**
 * A monitor that passes every report on to another. A wrapper extends it and overrides only what it changes (drops
 * epochs, records them, holds a test at one, asks to cancel) rather than forwarding each method by hand; over
 * {@link JobMonitor#silent()} it is a fake that hears only what it overrides.
 */
public class ForwardingMonitor implements JobMonitor {

    private final JobMonitor out;

    public ForwardingMonitor(JobMonitor out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void stage(String name) {
        out.stage(name);
    }

    @Override
    public void progress(long done, long total) {
        out.progress(done, total);
    }

    @Override
    public void status(String message) {
        out.status(message);
    }

    @Override
    public void warning(String message) {
        out.warning(message);
    }

    @Override
    public void partial(Partial record) {
        out.partial(record);
    }

    @Override
    public boolean isCancelled() {
        return out.isCancelled();
    }

    @Override
    public void outcome(String line) {
        out.outcome(line);
    }
}
