package dev.loupe.engine.bench;

import java.util.SplittableRandom;

/**
 * Synthetic feature vectors with the structure a dataset's features have: a few classes, each a cloud around its
 * own centre. Centres are N(0, 1) per dimension and points spread N(0, 1) around them, so two points of one cluster
 * are about 0.7 times as far apart as points of different clusters: clusters overlap at the edges, as classes do.
 */
record ClusteredVectors(int clusters, int dim, long seed) {

    static final int CLUSTERS = 10;
    /** The width of MobileNetV2's features, the widest bundled backbone's. */
    static final int DIM = 1280;

    static ClusteredVectors standard() {
        return new ClusteredVectors(CLUSTERS, DIM, 7);
    }

    /** {@code n} vectors; {@code stream} picks an independent draw, e.g. 0 for the data and 1 for queries. */
    float[][] generate(int n, long stream) {
        SplittableRandom centres = new SplittableRandom(seed);
        float[][] c = new float[clusters][dim];
        for (float[] centre : c) {
            for (int j = 0; j < dim; j++) {
                centre[j] = (float) centres.nextGaussian();
            }
        }
        SplittableRandom r = new SplittableRandom(seed * 31 + stream + 1);
        float[][] x = new float[n][dim];
        for (int i = 0; i < n; i++) {
            float[] centre = c[r.nextInt(clusters)];
            for (int j = 0; j < dim; j++) {
                x[i][j] = centre[j] + (float) r.nextGaussian();
            }
        }
        return x;
    }

    String describe() {
        return String.format("%d Gaussian clusters in %d-d (centres and spread N(0,1))", clusters, dim);
    }
}
