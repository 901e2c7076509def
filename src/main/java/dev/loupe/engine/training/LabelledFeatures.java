package dev.loupe.engine.training;

/**
 * Feature vectors with their class indices: what a head trains on.
 *
 * @param x one row per example
 * @param y class index per example
 */
public record LabelledFeatures(float[][] x, int[] y) {

    public LabelledFeatures {
        if (x.length != y.length) {
            throw new IllegalArgumentException("features and labels differ in count");
        }
    }

    public int size() {
        return y.length;
    }

    public boolean isEmpty() {
        return y.length == 0;
    }
}
