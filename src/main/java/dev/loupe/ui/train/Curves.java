package dev.loupe.ui.train;

import dev.loupe.engine.training.EpochMetrics;

import java.util.List;

/** Small sums over a run's epochs that the charts need. */
final class Curves {

    private Curves() {
    }

    /** The largest finite loss, for the loss axis; 1 when there is none yet. */
    static double maxLoss(List<EpochMetrics> epochs) {
        double max = 0;
        for (EpochMetrics m : epochs) {
            max = Math.max(max, finite(m.trainLoss()));
            max = Math.max(max, finite(m.validationLoss()));
        }
        return max > 0 ? max : 1;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
