package dev.loupe.engine.embedding;

/** One way to compute the t-SNE gradient of a 2-D layout: Barnes-Hut for real use, exact for the reference. */
interface Gradient {

    /**
     * Writes dC/dy (without the constant 4, as bhtsne and openTSNE do, so their learning rates carry over) for the
     * interleaved layout {@code y} into {@code grad}, with the input affinities multiplied by {@code exaggeration}.
     */
    void compute(double[] y, double[] grad, double exaggeration);

    /**
     * The points of the layout last computed in an order where neighbours on the map sit next to each other
     * (slot s should take the point now at {@code order[s]}), or null where the gradient gains nothing from it.
     */
    default int[] spatialOrder() {
        return null;
    }

    /** Takes the points in the order {@link #spatialOrder} gave: the point at {@code order[s]} is now at s. */
    default void renumber(int[] order) {
    }
}
