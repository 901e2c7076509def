package dev.loupe.engine.embedding;

import java.util.Random;

/** Gaussian clusters in d dimensions with overlapping tails: a stand-in for a dataset's PCA-50 features. */
record Clusters(float[][] x, int[] labels) {

    static Clusters make(int classes, int perClass, int dim, double centreSpread, long seed) {
        Random r = new Random(seed);
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = r.nextGaussian() * centreSpread;
            }
        }
        float[][] x = new float[classes * perClass][dim];
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i % classes;
            labels[i] = c;
            // Per-point scale: some points sit far out in their cluster, so the neighbourhoods are not trivial.
            double scale = 0.6 + 0.8 * r.nextDouble();
            for (int j = 0; j < dim; j++) {
                x[i][j] = (float) (centres[c][j] + r.nextGaussian() * scale);
            }
        }
        return new Clusters(x, labels);
    }
}
