package dev.loupe.engine.evaluation;

/** Predictions whose confidence fell in [from, to): how confident they were on average, and how often right. */
public record ReliabilityBin(double from, double to, int count, double meanConfidence, double accuracy) {
}
