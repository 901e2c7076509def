package dev.loupe.engine.training;

/**
 * One epoch's figures. Validation figures are {@code NaN} when there is no validation split.
 *
 * @param epoch 1-based
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                           double validationAccuracy) {

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }
}
