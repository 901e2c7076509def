package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;

/**
 * The exact k nearest neighbours of every point by Euclidean distance, as t-SNE's affinities and the quality figures
 * need them. Squared distances come from {@code |a|^2 + |b|^2 - 2 a.b} on a flat row-major copy: O(n^2 d), which
 * for 10,000 points in 50 dimensions is a few seconds and needs no tree (trees lose their edge past ~20 dimensions).
 *
 * @param indices   {@code indices[i]} the neighbours of i, nearest first (i itself excluded)
 * @param distances squared Euclidean distances, matching {@code indices}
 */
public record KnnGraph(int[][] indices, float[][] distances) {

    public static KnnGraph exact(float[][] x, int k, JobMonitor monitor) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        int keep = Math.min(k, n - 1);
        float[] flat = new float[n * d];
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, flat, i * d, d);
            double s = 0;
            for (float v : x[i]) {
                s += v * v;
            }
            norms[i] = (float) s;
        }
        int[][] idx = new int[n][keep];
        float[][] dist = new float[n][keep];
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) {
                monitor.checkCancelled();
                monitor.progress(i, n);
            }
            int bi = i * d;
            for (int j = 0; j < n; j++) {
                int bj = j * d;
                float dot = 0;
                for (int c = 0; c < d; c++) {
                    dot += flat[bi + c] * flat[bj + c];
                }
                row[j] = Math.max(0, norms[i] + norms[j] - 2 * dot);
            }
            row[i] = Float.POSITIVE_INFINITY;
            smallest(row, keep, idx[i], dist[i]);
        }
        return new KnnGraph(idx, dist);
    }

    /** The {@code k} smallest values of {@code row}, ascending, by insertion into a sorted buffer. */
    static void smallest(float[] row, int k, int[] idx, float[] val) {
        int filled = 0;
        for (int j = 0; j < row.length && k > 0; j++) {
            float v = row[j];
            if (filled < k || v < val[k - 1]) {
                int pos = filled < k ? filled++ : k - 1;
                while (pos > 0 && val[pos - 1] > v) {
                    val[pos] = val[pos - 1];
                    idx[pos] = idx[pos - 1];
                    pos--;
                }
                val[pos] = v;
                idx[pos] = j;
            }
        }
    }
}
