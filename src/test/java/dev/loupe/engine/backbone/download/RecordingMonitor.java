package dev.loupe.engine.backbone.download;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a job reported; cancels itself once it has seen {@code cancelAfter} bytes, if set. */
final class RecordingMonitor implements JobMonitor {

    final List<long[]> progress = new CopyOnWriteArrayList<>();
    final List<String> statuses = new CopyOnWriteArrayList<>();
    private final long cancelAfter;
    private volatile boolean cancelled;

    RecordingMonitor(long cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    RecordingMonitor() {
        this(Long.MAX_VALUE);
    }

    @Override
    public void stage(String name) {
    }

    @Override
    public void progress(long done, long total) {
        progress.add(new long[]{done, total});
        if (done >= cancelAfter) {
            cancelled = true;
        }
    }

    @Override
    public void status(String message) {
        statuses.add(message);
    }

    @Override
    public void warning(String message) {
    }

    @Override
    public void partial(Partial record) {
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
