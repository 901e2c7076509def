package dev.loupe.engine.training;

import dev.loupe.engine.jobs.Partial;

/**
 * One epoch's figures. Validation figures are {@code NaN} when there is no validation split.
 *
 * @param epoch 1-based
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                           double validationAccuracy) implements Partial {

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
