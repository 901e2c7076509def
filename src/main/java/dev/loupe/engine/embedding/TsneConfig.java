package dev.loupe.engine.embedding;

/**
 * How a t-SNE runs; the defaults are openTSNE's but for the schedule and for theta while the affinities are
 * exaggerated. The schedule is 300 iterations of which 100 exaggerated, where openTSNE runs 250 + 500: on the 10,000
 * Fashion-MNIST test images trustworthiness(10) was 0.9949 after 100 + 200 against 0.9951 after 250 + 250 (the
 * previous default) and 0.9943 after 250 + 150, so a shorter exaggeration pays more than a shorter second phase,
 * for 0.6 of the iterations (scikit-learn's t-SNE: 0.9954; docs/embedding.md). Theta while exaggerated is 1.0
 * rather than 0.5: a quarter off the 70,000 map's iterations at trustworthiness 0.9965 against 0.9968. Same config
 * and seed, same map.
 *
 * @param perplexity             effective number of neighbours each point attends to (lowered for tiny datasets)
 * @param iterations             total gradient steps, early exaggeration included
 * @param exaggeration           factor on P during the first phase, so clusters form before they spread
 * @param exaggerationIterations length of that phase (momentum 0.5 in it, 0.8 after)
 * @param theta                  Barnes-Hut accuracy: a cell narrower than theta x its distance counts as one body
 * @param earlyTheta             the same during early exaggeration, where the repulsion weighs a twelfth as much
 * @param learningRate           step size; 0 means max(200, n / exaggeration) (Belkina et al. 2019)
 * @param seed                   for the PCA's random projection, hence the initial layout
 * @param partialEvery           report a partial layout every this many iterations
 */
public record TsneConfig(double perplexity, int iterations, double exaggeration, int exaggerationIterations,
                         double theta, double earlyTheta, double learningRate, long seed, int partialEvery) {

    public static final long DEFAULT_SEED = 42;

    public static TsneConfig defaults() {
        return new TsneConfig(30, 300, 12, 100, 0.5, 1.0, 0, DEFAULT_SEED, 25);
    }

    public TsneConfig withIterations(int total, int exaggerated) {
        return new TsneConfig(perplexity, total, exaggeration, exaggerated, theta, earlyTheta, learningRate, seed,
                partialEvery);
    }

    public TsneConfig withSeed(long newSeed) {
        return new TsneConfig(perplexity, iterations, exaggeration, exaggerationIterations, theta, earlyTheta,
                learningRate, newSeed, partialEvery);
    }

    /** Perplexity must stay below (n - 1) / 3 so that 3 x perplexity neighbours exist. */
    double perplexityFor(int n) {
        return Math.max(1, Math.min(perplexity, (n - 1) / 3.0));
    }

    double learningRateFor(int n) {
        return learningRate > 0 ? learningRate : Math.max(200, n / exaggeration);
    }
}
