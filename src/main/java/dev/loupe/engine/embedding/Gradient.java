package dev.loupe.engine.embedding;

/** One way to compute the t-SNE gradient of a 2-D layout: Barnes-Hut for real use, exact for the reference. */
interface Gradient {

    /**
     * Writes dC/dy (without the constant 4, as bhtsne and openTSNE do, so their learning rates carry over) for the
     * interleaved layout {@code y} into {@code grad}, with the input affinities multiplied by {@code exaggeration}.
     */
    void compute(double[] y, double[] grad, double exaggeration);
}
