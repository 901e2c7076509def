package dev.loupe.engine.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * The largest entries of a row of similarities (or bounds), for the exact searches. k is tiny next to n, so a small
 * sorted buffer filled by insertion beats a heap; both entry points feed the one {@link Buffer}, in doubles (a float
 * widens to a double exactly, so the float searches rank as they would in float).
 */
final class TopSimilar {

    private TopSimilar() {
    }

    /**
     * The {@code k} largest of {@code sims[offset .. offset + n)}, most similar first, as neighbours indexed from 0;
     * index {@code skip} (e.g. the query's own row, or -1) left out. Ties keep the lower index first.
     */
    static List<Neighbour> of(float[] sims, int offset, int n, int k, int skip) {
        Buffer top = new Buffer(k);
        for (int j = 0; j < n && k > 0; j++) {
            if (j != skip) {
                top.offer(j, sims[offset + j]);
            }
        }
        List<Neighbour> out = new ArrayList<>(top.filled);
        for (int i = 0; i < top.filled; i++) {
            out.add(new Neighbour(top.index[i], (float) top.best[i])); // exact: it was a float
        }
        return out;
    }

    /** The indices of the {@code k} largest {@code values} (k at most their number), in no particular order. */
    static int[] indicesOfLargest(double[] values, int k) {
        Buffer top = new Buffer(k);
        for (int j = 0; j < values.length && k > 0; j++) {
            top.offer(j, values[j]);
        }
        return top.index;
    }

    /** The k largest offered so far, largest first; an offer equal to the k-th does not displace it. */
    private static final class Buffer {
        final int[] index;
        final double[] best;
        int filled;

        Buffer(int k) {
            index = new int[Math.max(0, k)];
            best = new double[index.length];
        }

        void offer(int j, double v) {
            int k = index.length;
            if (filled == k && v <= best[k - 1]) {
                return;
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
    }
}
