package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;

/**
 * How faithful a 2-D map is to the space it came from. Trustworthiness (Venna and Kaski 2001) penalises points that
 * look like neighbours on the map but are far apart in the original space; k-NN accuracy asks whether a point's
 * neighbours share its label, on the map and in the original space, so their ratio says how much class structure
 * the map kept.
 */
public final class EmbeddingQuality {

    private EmbeddingQuality() {
    }

    /** Trustworthiness T(k) in [0, 1]: 1 when every map neighbour is among the k nearest in {@code high}. */
    public static double trustworthiness(float[][] high, float[][] low, int k, JobMonitor monitor) {
        int n = high.length;
        int[][] lowNbrs = KnnGraph.exact(low, k, monitor).indices();
        int[][] highNbrs = KnnGraph.exact(high, k, monitor).indices();
        double penalty = 0;
        float[] dist = new float[n];
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) {
                monitor.checkCancelled();
            }
            java.util.Set<Integer> inHigh = new java.util.HashSet<>();
            for (int j : highNbrs[i]) {
                inHigh.add(j);
            }
            boolean distancesReady = false;
            for (int j : lowNbrs[i]) {
                if (inHigh.contains(j)) {
                    continue;
                }
                if (!distancesReady) {
                    for (int m = 0; m < n; m++) {
                        dist[m] = ExactGradient.squaredDistance(high[i], high[m]);
                    }
                    distancesReady = true;
                }
                // Rank of j among i's neighbours in the original space (1 = nearest); only the few intruders need it.
                int rank = 0;
                for (int m = 0; m < n; m++) {
                    if (m != i && (dist[m] < dist[j] || (dist[m] == dist[j] && m < j))) {
                        rank++;
                    }
                }
                penalty += rank + 1 - k;
            }
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1)) * penalty;
    }

    /** Leave-one-out accuracy of a k-nearest-neighbour vote (ties go to the label of the nearer neighbour). */
    public static double knnAccuracy(float[][] points, int[] labels, int k, JobMonitor monitor) {
        int[][] nbrs = KnnGraph.exact(points, k, monitor).indices();
        int classes = 0;
        for (int l : labels) {
            classes = Math.max(classes, l + 1);
        }
        int correct = 0;
        for (int i = 0; i < points.length; i++) {
            double[] votes = new double[classes];
            for (int r = 0; r < nbrs[i].length; r++) {
                votes[labels[nbrs[i][r]]] += 1 + 1e-6 * (nbrs[i].length - r);
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return points.length == 0 ? Double.NaN : (double) correct / points.length;
    }

    /** A layout as rows of (x, y), the shape the measures above take. */
    public static float[][] points(TsneLayout layout) {
        float[][] out = new float[layout.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[]{layout.x()[i], layout.y()[i]};
        }
        return out;
    }
}
