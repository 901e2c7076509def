package dev.loupe.engine.features;

import dev.loupe.engine.jobs.JobMonitor;

/** Reports progress with the rate and the time left, e.g. "42 img/s, about 12 s left". */
final class ThroughputMeter {

    private final long total;
    private final long start = System.nanoTime();

    ThroughputMeter(long total) {
        this.total = total;
    }

    void report(long done, JobMonitor monitor) {
        monitor.progress(done, total);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (done == 0 || seconds <= 0) {
            return;
        }
        double rate = done / seconds;
        long left = Math.round((total - done) / rate);
        monitor.status(String.format("%.1f img/s, about %s left", rate, formatDuration(left)));
    }

    static String formatDuration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
