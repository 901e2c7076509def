package dev.loupe.engine.embedding;

import java.util.ArrayList;
import java.util.List;

/** The most similar entries of a row of similarities, for the exact searches. */
final class TopSimilar {

    private TopSimilar() {
    }

    /**
     * The {@code k} largest of {@code sims[offset .. offset + n)}, most similar first, as neighbours indexed from 0;
     * index {@code skip} (e.g. the query's own row, or -1) left out. k is tiny next to n, so a small sorted buffer
     * filled by insertion beats a heap.
     */
    static List<Neighbour> of(float[] sims, int offset, int n, int k, int skip) {
        int[] index = new int[Math.max(0, k)];
        float[] best = new float[index.length];
        int filled = 0;
        for (int j = 0; j < n && k > 0; j++) {
            float s = sims[offset + j];
            if (j == skip || (filled == k && s <= best[k - 1])) {
                continue;
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && best[pos - 1] < s) {
                best[pos] = best[pos - 1];
                index[pos] = index[pos - 1];
                pos--;
            }
            best[pos] = s;
            index[pos] = j;
        }
        List<Neighbour> out = new ArrayList<>(filled);
        for (int i = 0; i < filled; i++) {
            out.add(new Neighbour(index[i], best[i]));
        }
        return out;
    }

    /** The indices of the {@code k} largest {@code values} (k at most their number), in no particular order. */
    static int[] indicesOfLargest(double[] values, int k) {
        int[] index = new int[k];
        double[] best = new double[k];
        int filled = 0;
        for (int j = 0; j < values.length && k > 0; j++) {
            double v = values[j];
            if (filled == k && v <= best[k - 1]) {
                continue;
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && best[pos - 1] < v) {
                best[pos] = best[pos - 1];
                index[pos] = index[pos - 1];
                pos--;
            }
            best[pos] = v;
            index[pos] = j;
        }
        return index;
    }
}
