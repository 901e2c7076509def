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

    /**
     * A fitted projection, for vectors that come later (the neighbour graph's queries and new photos): {@code v}
     * goes to {@code (v - mean) V}, V the top principal axes. {@code axes} holds V row by row ({@code d x k}), so a
     * projection is {@code d} additions of a scaled k-wide row, which the JIT vectorises (a dot product per
     * component it may not, floats not being associative), and gives the same result for a vector every time.
     */
    public record Basis(float[] mean, int dimensions, float[] axes) {

        public int inputs() {
            return mean.length;
        }

        public float[] project(float[] v) {
            return project(new float[][] {v})[0];
        }

        /**
         * The projections of several vectors. Each row of the axes is used for all of them while it is in cache
         * (the axes, 655 KB at 1,280 x 128, do not fit in a core's own cache); each vector's sums are formed in the
         * same order as alone, so its projection is the same to the bit however it is batched.
         */
        public float[][] project(float[][] vs) {
            int k = dimensions;
            float[][] out = new float[vs.length][k];
            for (int j = 0; j < mean.length; j++) {
                int base = j * k;
                for (int r = 0; r < vs.length; r++) {
                    float a = vs[r][j] - mean[j];
                    float[] o = out[r];
                    for (int c = 0; c < k; c++) {
                        o[c] += a * axes[base + c];
                    }
                }
            }
            return out;
        }
    }

    /** Rows of {@code x} centred and projected on their top {@code dims} components (fewer if d or n is smaller). */
    public static float[][] project(float[][] x, int dims, long seed) {
        int n = x.length;
        int k = Math.min(dims, Math.min(n, n == 0 ? 0 : x[0].length));
        if (k == 0) {
            return new float[n][0];
        }
        return decompose(x, k, seed, (q, b, eig) -> {
            int l = (int) q.columns();
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
        });
    }

    /**
     * The mean and top {@code dims} principal axes of the rows of {@code x} (fewer if d or n is smaller; an axis of
     * no variance is zero). With B = Q^T C = U S V^T, the axes are V = B^T U S^-1.
     */
    public static Basis fit(float[][] x, int dims, long seed) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        int k = Math.min(dims, Math.min(n, d));
        double[] sum = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
            }
        }
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (sum[j] / n);
        }
        if (k == 0) {
            return new Basis(mean, 0, new float[0]);
        }
        float[] axes = decompose(x, k, seed, (q, b, eig) -> {
            int l = (int) q.columns();
            double top = Math.max(0, eig.values()[eig.order()[0]]);
            double[][] left = new double[k][l];
            for (int comp = 0; comp < k; comp++) {
                int e = eig.order()[comp];
                double s2 = eig.values()[e];
                for (int j = 0; j < l && s2 > top * 1e-10 && s2 > 0; j++) {
                    left[comp][j] = eig.vectors()[j][e] / Math.sqrt(s2);
                }
            }
            float[][] vt = NdArrays.toRows(Nd4j.create(left).castTo(b.dataType()).mmul(b));
            float[] flat = new float[d * k];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    flat[j * k + c] = vt[c][j];
                }
            }
            return flat;
        });
        return new Basis(mean, k, axes);
    }

    /** What a decomposition yields: Q (n x l, orthonormal), B = Q^T C (l x d) and the eigen-decomposition of B B^T. */
    private interface Decomposed<T> {
        T from(INDArray q, INDArray b, Matrices.Eigen eig);
    }

    /** The randomised subspace iteration on the centred rows, for {@code k} components. */
    private static <T> T decompose(float[][] x, int k, long seed, Decomposed<T> then) {
        int n = x.length;
        int d = x[0].length;
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
            return then.from(q, b, Matrices.symmetricEigen(rows(b.mmul(b.transpose()))));
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
