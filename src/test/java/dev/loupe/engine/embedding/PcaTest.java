package dev.loupe.engine.embedding;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The randomised PCA against the exact one (the eigenvectors of the full covariance, by Jacobi) on data with a known,
 * decaying spectrum: each component's variance within 0.1 % and its scores parallel to the exact scores.
 */
class PcaTest {

    @Test
    void matchesTheExactPrincipalComponents() {
        int n = 2000;
        int k = 8;
        float[][] x = decaying(n, 40);
        float[][] ours = Pca.project(x, k, 42);
        double[][] exact = exactScores(x, k);
        assertThat(ours).hasNumberOfRows(n);
        assertThat(ours[0]).hasSize(k);
        for (int c = 0; c < k; c++) {
            double dot = 0;
            double vo = 0;
            double ve = 0;
            for (int i = 0; i < n; i++) {
                dot += ours[i][c] * exact[i][c];
                vo += ours[i][c] * ours[i][c];
                ve += exact[i][c] * exact[i][c];
            }
            assertThat(vo / ve).as("variance of component %d", c).isCloseTo(1.0, within(1e-3));
            assertThat(Math.abs(dot) / Math.sqrt(vo * ve)).as("direction of component %d", c).isGreaterThan(0.9999);
        }
    }

    @Test
    void fewerRowsThanComponents() {
        float[][] x = {{1, 2, 3}, {2, 1, 0}};
        assertThat(Pca.project(x, 50, 42)).hasDimensions(2, 2);
        assertThat(Pca.project(new float[0][], 50, 42)).isEmpty();
    }


    @Test
    void aFittedBasisProjectsAsTheComponentsDoAndTheSameInABatchAsAlone() {
        float[][] x = decaying(2000, 40);
        int k = 8;
        Pca.Basis basis = Pca.fit(x, k, 42);
        assertThat(basis.dimensions()).isEqualTo(k);
        assertThat(basis.inputs()).isEqualTo(40);
        double[][] exact = exactScores(x, k);
        float[][] batch = basis.project(x);
        for (int i = 0; i < x.length; i += 7) {
            float[] alone = basis.project(x[i]);
            assertThat(alone).isEqualTo(batch[i]); // to the bit: the saved graph's codes are compared exactly
            for (int c = 0; c < k; c++) {
                assertThat((double) Math.abs(alone[c])).as("row %d component %d", i, c)
                        .isCloseTo(Math.abs(exact[i][c]), within(0.05)); // scores of 1.3 to 10
            }
        }
    }

    @Test
    void aBasisOfFewRowsHasNoMoreAxesThanRows() {
        float[][] x = {{1, 2, 3}, {2, 1, 0}};
        assertThat(Pca.fit(x, 50, 42).dimensions()).isEqualTo(2);
        assertThat(Pca.fit(x, 50, 42).project(new float[] {1, 1, 1})).hasSize(2).doesNotContain(Float.NaN);
    }

    /** Rows in an orthonormal basis of {@code d} with falling variance (10 x 0.75^c), offset from the origin. */
    private static float[][] decaying(int n, int d) {
        Random r = new Random(5);
        double[][] basis = new double[d][d];
        for (double[] row : basis) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        Matrices.orthonormaliseColumns(basis); // rows of an orthonormal basis
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int c = 0; c < d; c++) {
                double score = r.nextGaussian() * 10 * Math.pow(0.75, c);
                for (int j = 0; j < d; j++) {
                    row[j] += (float) (score * basis[c][j]);
                }
            }
            row[3] += 7; // an offset PCA must remove
        }
        return x;
    }

    private static double[][] exactScores(float[][] x, int k) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        for (float[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]);
                }
            }
        }
        Matrices.Eigen eig = Matrices.symmetricEigen(cov);
        double[][] out = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                int e = eig.order()[c];
                for (int j = 0; j < d; j++) {
                    out[i][c] += (x[i][j] - mean[j]) * eig.vectors()[j][e];
                }
            }
        }
        return out;
    }
}
