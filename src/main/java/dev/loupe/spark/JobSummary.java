package dev.loupe.spark;

import java.util.Locale;

/** What a cluster job did, counted by Spark accumulators on the executors. */
record JobSummary(long images, long unreadable, long nanos) {

    double imagesPerSecond() {
        return images / (nanos / 1e9);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d images (%d unreadable) in %.1f s: %.1f images/s", images, unreadable,
                nanos / 1e9, imagesPerSecond());
    }
}
