package dev.loupe.engine.embedding;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * t-SNE's input similarities P, sparse and symmetric, in compressed rows: {@code cols/vals[rowStart[i]..rowStart[i+1])}
 * are row i. Each point's Gaussian width is found by binary search so that its conditional distribution over its
 * neighbours has the requested perplexity (van der Maaten 2014); only the k = 3 * perplexity nearest neighbours get a
 * weight, since farther ones would get less than e^-9 of it anyway.
 */
public record Affinities(int[] rowStart, int[] cols, float[] vals) {

    public int size() {
        return rowStart.length - 1;
    }

    /** From a kNN graph: conditional probabilities per row, then symmetrised {@code (p_j|i + p_i|j) / 2n}. */
    public static Affinities fromNeighbours(KnnGraph graph, double perplexity) {
        int n = graph.indices().length;
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j : graph.indices()[i]) {
                counts[i]++;
                counts[j]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + counts[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] cols = new int[start[n]];
        float[] vals = new float[start[n]];
        // Each row's binary search is independent of the others: on every core (several seconds at 70,000 rows).
        double[][] conditionals = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> conditionals[i] = conditional(graph.distances()[i],
                graph.distances()[i].length, perplexity));
        for (int i = 0; i < n; i++) {
            float[] d = graph.distances()[i];
            double[] p = conditionals[i];
            for (int m = 0; m < d.length; m++) {
                int j = graph.indices()[i][m];
                float v = (float) (p[m] / (2.0 * n));
                cols[fill[i]] = j;
                vals[fill[i]++] = v;
                cols[fill[j]] = i;
                vals[fill[j]++] = v;
            }
        }
        return merged(start, cols, vals);
    }

    /**
     * The same affinities with the points renumbered: row s is the old row {@code order[s]} and each column j becomes
     * the slot point j moved to. Each row keeps its entries in their order, so a sum over a row gives the same double
     * bit for bit.
     */
    Affinities permuted(int[] order) {
        int n = size();
        int[] slot = new int[n];
        for (int s = 0; s < n; s++) {
            slot[order[s]] = s;
        }
        int[] outStart = new int[n + 1];
        int[] outCols = new int[cols.length];
        float[] outVals = new float[vals.length];
        int w = 0;
        for (int s = 0; s < n; s++) {
            outStart[s] = w;
            for (int m = rowStart[order[s]]; m < rowStart[order[s] + 1]; m++) {
                outCols[w] = slot[cols[m]];
                outVals[w++] = vals[m];
            }
        }
        outStart[n] = w;
        return new Affinities(outStart, outCols, outVals);
    }

    /** Sorts each row by column and adds up the duplicates that symmetrising made (j in kNN(i) and i in kNN(j)). */
    private static Affinities merged(int[] start, int[] cols, float[] vals) {
        int n = start.length - 1;
        int[] outStart = new int[n + 1];
        int[] outCols = new int[cols.length];
        float[] outVals = new float[vals.length];
        int w = 0;
        for (int i = 0; i < n; i++) {
            outStart[i] = w;
            int from = start[i];
            int len = start[i + 1] - from;
            long[] keyed = new long[len];
            for (int m = 0; m < len; m++) {
                keyed[m] = ((long) cols[from + m] << 32) | (m & 0xffffffffL);
            }
            Arrays.sort(keyed);
            for (int m = 0; m < len; m++) {
                int col = (int) (keyed[m] >>> 32);
                float v = vals[from + (int) keyed[m]];
                if (w > outStart[i] && outCols[w - 1] == col) {
                    outVals[w - 1] += v;
                } else {
                    outCols[w] = col;
                    outVals[w++] = v;
                }
            }
        }
        outStart[n] = w;
        return new Affinities(outStart, Arrays.copyOf(outCols, w), Arrays.copyOf(outVals, w));
    }

    /**
     * The conditional distribution over the first {@code count} squared distances with the given perplexity: a
     * binary search on the precision beta = 1 / 2 sigma^2 until the entropy is log(perplexity).
     */
    static double[] conditional(float[] sqDist, int count, double perplexity) {
        double target = Math.log(perplexity);
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int m = 0; m < count; m++) {
            min = Math.min(min, sqDist[m]);
        }
        double[] p = new double[count];
        for (int iter = 0; iter < 200; iter++) {
            double sum = 0;
            double weighted = 0;
            for (int m = 0; m < count; m++) {
                // Shifting by the smallest distance keeps exp() away from underflow; it cancels in the normalisation.
                double d = sqDist[m] - min;
                p[m] = Math.exp(-beta * d);
                sum += p[m];
                weighted += d * p[m];
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int m = 0; m < count; m++) {
                p[m] /= sum;
            }
            double diff = entropy - target;
            if (Math.abs(diff) < 1e-5) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        return p;
    }
}
