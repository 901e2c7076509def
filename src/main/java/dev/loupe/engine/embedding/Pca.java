package dev.loupe.engine.embedding;

import dev.loupe.engine.util.NdArrays;
import dev.loupe.engine.util.Natives;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Principal component projection by randomised subspace iteration (Halko, Martinsson and Tropp 2011): a few passes
 * of {@code n x d x (k+10)} products instead of a {@code d x d} covariance, which for 1,280-d features and 10,000
 * images would cost ten times more. Four power iterations make the top 50 components exact enough for t-SNE input
 * and initialisation, where only the broad shape matters. The products run in ND4J's BLAS (float); the
 * orthonormalisations between them, on {@code n x (k+10)} matrices, in double on contiguous columns.
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
        if (k == 0) {
            return new float[n][0];
        }
        int l = Math.min(k + OVERSAMPLE, Math.min(n, d));
        Natives.configure();
        try (INDArray c = NdArrays.fromRows(x, d); INDArray mean = c.mean(0)) {
            c.subiRowVector(mean);
            INDArray ct = c.transpose();
            INDArray q = orthonormal(c.mmul(gaussian(d, l, seed)));
            for (int it = 0; it < POWER_ITERATIONS; it++) {
                INDArray z = orthonormal(ct.mmul(q));
                q = orthonormal(c.mmul(z));
            }
            // B = Q^T C (l x d); the eigenvectors of B B^T rotate Q onto the principal directions: X V = Q U S.
            INDArray b = q.transpose().mmul(c);
            double[][] bbt = rows(b.mmul(b.transpose()));
            Matrices.Eigen eig = Matrices.symmetricEigen(bbt);
            double[][] rotation = new double[l][k];
            for (int comp = 0; comp < k; comp++) {
                int e = eig.order()[comp];
                double s = Math.sqrt(Math.max(0, eig.values()[e]));
                for (int j = 0; j < l; j++) {
                    rotation[j][comp] = eig.vectors()[j][e] * s;
                }
            }
            float[][] out = NdArrays.toRows(q.mmul(Nd4j.create(rotation).castTo(q.dataType())));
            fixSigns(out);
            return out;
        }
    }

    private static INDArray gaussian(int rows, int cols, long seed) {
        Random random = new Random(seed);
        double[][] omega = new double[rows][cols];
        for (double[] row : omega) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Nd4j.create(omega).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** The matrix's columns made orthonormal, in double on a column-major copy, so each pass reads memory in order. */
    private static INDArray orthonormal(INDArray a) {
        int n = (int) a.rows();
        int m = (int) a.columns();
        float[] flat = a.dup('f').data().asFloat();
        double[][] cols = new double[m][n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                cols[j][i] = flat[j * n + i];
            }
        }
        Matrices.orthonormaliseColumns(cols);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                flat[j * n + i] = (float) cols[j][i];
            }
        }
        return Nd4j.create(flat, new long[] {n, m}, 'f');
    }

    private static double[][] rows(INDArray m) {
        float[][] f = NdArrays.toRows(m);
        double[][] out = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            out[i] = new double[f[i].length];
            for (int j = 0; j < f[i].length; j++) {
                out[i][j] = f[i][j];
            }
        }
        return out;
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
