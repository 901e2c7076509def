package dev.loupe.engine.evaluation;

/** An image the model got wrong: its folder said {@code actual}, the model said {@code predicted}. */
public record Misclassified(String relativePath, String actual, String predicted, double probability) {
}
