package dev.loupe.engine.jobs;

import java.util.List;

/**
 * What a watcher sees of a job at one instant; immutable, safe to hand to any thread.
 *
 * @param outcome what the job said it did ({@link JobMonitor#outcome}), or "" when it said nothing
 */
public record JobSnapshot(String name, JobState state, String stage, long done, long total, String status,
                          List<String> warnings, String error, String outcome) {

    /** Fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        return total > 0 ? Math.min(1.0, (double) done / total) : -1;
    }
}
