package dev.loupe.engine.evaluation;

/**
 * Precision, recall and F1 of one class; precision and recall NaN where undefined (no prediction, or no example of the
 * class), F1 0 when the class was present or predicted but never right, NaN only when it was neither.
 */
public record ClassMetrics(String label, int support, double precision, double recall, double f1) {
}
