package dev.loupe.engine.model;

/** The figures of a training run that a model carries with it. */
public record FinalMetrics(int bestEpoch, int epochsRun, double trainAccuracy, double validationAccuracy,
                           double validationLoss, double calibrationError, int trainImages, int validationImages) {
}
