package dev.loupe.ui.train;

import dev.loupe.engine.training.EpochMetrics;

import java.util.List;

/** Small sums over a run's epochs that the charts need. */
final class Curves {

    private Curves() {
    }

    /**
     * The epoch whose weights a run keeps: the lowest validation loss (training loss without validation), improving
     * by at least 1e-5, the same rule as the trainer's early stopping. 0 for no epochs.
     */
    static int bestEpoch(List<EpochMetrics> epochs) {
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (EpochMetrics m : epochs) {
            double watched = m.hasValidation() ? m.validationLoss() : m.trainLoss();
            if (watched < bestLoss - 1e-5) {
                bestLoss = watched;
                best = m.epoch();
            }
        }
        return best;
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
