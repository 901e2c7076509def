package dev.loupe.engine.backbone.download;

import dev.loupe.engine.jobs.JobMonitor;

import java.util.Locale;

/** Reports bytes done out of total to a monitor, with the rate, at most a few times a second. */
final class TransferProgress {

    private static final long REPORT_EVERY_NANOS = 250_000_000L;

    private final JobMonitor monitor;
    private final long startBytes;
    private final long startNanos = System.nanoTime();
    private long lastReport;
    private long total = -1;

    TransferProgress(JobMonitor monitor, long startBytes) {
        this.monitor = monitor;
        this.startBytes = startBytes;
    }

    void total(long bytes) {
        total = bytes;
    }

    void update(long done, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastReport < REPORT_EVERY_NANOS) {
            return;
        }
        lastReport = now;
        monitor.progress(done, total);
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (done - startBytes) / seconds;
        String of = total > 0 ? " of " + mb(total) : "";
        monitor.status(mb(done) + of + ", " + mb((long) rate) + "/s");
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
