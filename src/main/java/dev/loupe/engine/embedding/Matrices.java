package dev.loupe.engine.embedding;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The small dense matrix operations PCA does in Java (its big products go to BLAS); plain loops suffice. */
final class Matrices {

    private Matrices() {
    }

    /** Eigen-decomposition of a symmetric matrix; {@code order} lists the eigenvalues' indices, largest first. */
    record Eigen(double[] values, double[][] vectors, int[] order) {
    }

    /**
     * Modified Gram-Schmidt on the columns, each a contiguous array (column-major, so every pass reads memory in
     * order); a column that collapses (rank deficiency) becomes zero.
     */
    static void orthonormaliseColumns(double[][] cols) {
        for (int j = 0; j < cols.length; j++) {
            double[] col = cols[j];
            for (int prev = 0; prev < j; prev++) {
                double[] p = cols[prev];
                double dot = 0;
                for (int i = 0; i < col.length; i++) {
                    dot += col[i] * p[i];
                }
                for (int i = 0; i < col.length; i++) {
                    col[i] -= dot * p[i];
                }
            }
            double norm = 0;
            for (double v : col) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < col.length; i++) {
                col[i] = norm > 1e-12 ? col[i] / norm : 0;
            }
        }
    }

    /** Cyclic Jacobi rotations: slow in general, fine and very accurate for the 60 x 60 matrices PCA hands it. */
    static Eigen symmetricEigen(double[][] s) {
        int n = s.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = s[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> values[i]).reversed())
                .mapToInt(Integer::intValue).toArray();
        return new Eigen(values, v, order);
    }

    static float[][] copy(float[][] x) {
        return Arrays.stream(x).map(float[]::clone).toArray(float[][]::new);
    }
}
