package dev.loupe.engine.embedding;

import java.util.Random;

/**
 * Principal component projection by randomised subspace iteration (Halko, Martinsson and Tropp 2011): a few passes
 * of {@code n x d x (k+10)} products instead of a {@code d x d} covariance, which for 1,280-d features and 10,000
 * images would cost ten times more. Four power iterations make the top 50 components exact enough for t-SNE input
 * and initialisation, where only the broad shape matters.
 */
public final class Pca {

    private static final int OVERSAMPLE = 10;
    private static final int POWER_ITERATIONS = 4;

    private Pca() {
    }

    /** Rows of {@code x} centred and projected on their top {@code dims} components (fewer if d or n is smaller). */
    public static float[][] project(float[][] x, int dims, long seed) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        int k = Math.min(dims, Math.min(n, d));
        double[][] c = centred(x);
        if (k == 0) {
            return new float[n][0];
        }
        int l = Math.min(k + OVERSAMPLE, Math.min(n, d));
        Random random = new Random(seed);
        double[][] omega = new double[d][l];
        for (double[] row : omega) {
            for (int j = 0; j < l; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] q = Matrices.orthonormalise(Matrices.times(c, omega));
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            double[][] z = Matrices.orthonormalise(Matrices.transposeTimes(c, q));
            q = Matrices.orthonormalise(Matrices.times(c, z));
        }
        // B = Q^T C (l x d); the eigenvectors of B B^T rotate Q onto the principal directions: X V = Q U S.
        double[][] b = Matrices.transposeTimes(q, c);
        double[][] bbt = Matrices.timesTranspose(b, b);
        Matrices.Eigen eig = Matrices.symmetricEigen(bbt);
        float[][] out = new float[n][k];
        for (int i = 0; i < n; i++) {
            for (int comp = 0; comp < k; comp++) {
                int e = eig.order()[comp];
                double s = Math.sqrt(Math.max(0, eig.values()[e]));
                double sum = 0;
                for (int j = 0; j < l; j++) {
                    sum += q[i][j] * eig.vectors()[j][e];
                }
                out[i][comp] = (float) (sum * s);
            }
        }
        fixSigns(out);
        return out;
    }

    private static double[][] centred(float[][] x) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        double[][] c = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[i][j] = x[i][j] - mean[j] / n;
            }
        }
        return c;
    }

    /** An eigenvector's sign is arbitrary: make each component's largest entry positive, so runs agree. */
    private static void fixSigns(float[][] out) {
        if (out.length == 0) {
            return;
        }
        for (int comp = 0; comp < out[0].length; comp++) {
            int arg = 0;
            for (int i = 1; i < out.length; i++) {
                if (Math.abs(out[i][comp]) > Math.abs(out[arg][comp])) {
                    arg = i;
                }
            }
            if (out[arg][comp] < 0) {
                for (float[] row : out) {
                    row[comp] = -row[comp];
                }
            }
        }
    }
}
