package dev.loupe.engine.inference;

/** One label and its calibrated probability. */
public record LabelScore(String label, double probability) {
}
