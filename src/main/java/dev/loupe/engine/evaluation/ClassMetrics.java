package dev.loupe.engine.evaluation;

/** Precision, recall and F1 of one class; NaN where undefined (no prediction or no example of the class). */
public record ClassMetrics(String label, int support, double precision, double recall, double f1) {
}
