package dev.loupe.engine.bench;

import java.util.Random;

/**
 * A stand-in for a CNN's pooled features: non-negative (they come out of a ReLU), each class a cluster that varies
 * along a few directions of its own (pose, colour, background: a low intrinsic dimension) plus a little noise in
 * every dimension. Isotropic Gaussian clusters in 1,280-d would be far harder for any neighbour index than real
 * features are, and not what Loupe searches.
 */
public final class FeatureLikeVectors {

    private static final int LATENT = 32;

    private FeatureLikeVectors() {
    }

    public static float[][] clustered(int n, int dim, int clusters, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[clusters][dim];
        float[][][] bases = new float[clusters][LATENT][dim];
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < dim; j++) {
                // About a third of the units fire for a class, as in pooled ReLU features.
                centres[c][j] = r.nextDouble() < 0.3 ? (float) Math.abs(r.nextGaussian()) : 0;
            }
            for (float[] direction : bases[c]) {
                for (int j = 0; j < dim; j++) {
                    direction[j] = (float) (r.nextGaussian() * 0.12);
                }
            }
        }
        float[][] x = new float[n][dim];
        float[] z = new float[LATENT];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(clusters);
            for (int l = 0; l < LATENT; l++) {
                z[l] = (float) r.nextGaussian();
            }
            float[] row = x[i];
            System.arraycopy(centres[c], 0, row, 0, dim);
            for (int l = 0; l < LATENT; l++) {
                float[] direction = bases[c][l];
                for (int j = 0; j < dim; j++) {
                    row[j] += z[l] * direction[j];
                }
            }
            for (int j = 0; j < dim; j++) {
                row[j] = Math.max(0, row[j] + (float) (r.nextGaussian() * 0.15));
            }
        }
        return x;
    }
}
