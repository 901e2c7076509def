package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.CoreBlocks;
import dev.loupe.engine.util.Natives;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exact k nearest neighbours of every point by Euclidean distance, as t-SNE's affinities and the quality figures
 * need them: exact, so the map's quality does not depend on an approximate search. O(n^2 d) at matrix-multiply speed:
 * a tile of {@value #ROWS} query rows against {@value #CANDIDATES} candidates at a time is one BLAS product
 * (ND4J's gemm, one thread per core) into a buffer reused for every tile, small enough to stay in the core's cache;
 * each query keeps its k best so far in place as the tiles pass. The product gives the ranking key
 * {@code |b|^2 - 2 a.b} directly (the query's own {@code |a|^2} is the same for all its candidates and is added to the
 * k kept only), from rows {@code [-2a, 1]} times {@code [b, |b|^2]}. It used to copy each block's products (rows x n)
 * out of ND4J into a new Java array, then scan them: 131 s of CPU for k = 90 at 70,000 points in 50 dimensions, then
 * 33 s (docs/embedding.md). The points are searched sorted along their widest axis, so that each tile of candidates is
 * a slab along it; a block's queries take their own tile first, then the tiles on either side until the gap along
 * the axis alone exceeds every query's k-th distance so far.
 *
 * @param indices   {@code indices[i]} the neighbours of i, nearest first (i itself excluded)
 * @param distances squared Euclidean distances, matching {@code indices}
 */
public record KnnGraph(int[][] indices, float[][] distances) {

    /** Query rows per product: with {@link #CANDIDATES}, a 1 MB product that stays in a core's L2 cache. */
    private static final int ROWS = 128;
    private static final int CANDIDATES = 2048;

    public static KnnGraph exact(float[][] x, int k, JobMonitor monitor) {
        int n = x.length;
        int keep = Math.max(0, Math.min(k, n - 1));
        if (n == 0 || keep == 0) {
            return new KnnGraph(new int[n][keep], new float[n][keep]);
        }
        // The search runs on the points sorted along their widest axis: the candidates' tiles are then slabs along it,
        // and a tile whose slab lies farther from every query of a block than the query's k-th neighbour so far is
        // skipped (the gap along one axis is a lower bound of the distance). The result is the same but for
        // near-ties; on PCA coordinates most tiles are skipped.
        int axis = widestAxis(x);
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparingDouble(i -> along(x[i], axis)));
        int[] perm = new int[n];
        float[][] xs = new float[n][];
        for (int s = 0; s < n; s++) {
            perm[s] = boxed[s];
            xs[s] = x[perm[s]];
        }
        int d = x[0].length;
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (float v : xs[i]) {
                s += v * v;
            }
            norms[i] = (float) s;
        }
        int[][] sIdx = new int[n][keep];
        float[][] sDist = new float[n][keep];
        // One BLAS thread per product: the tiles are spread over the cores here.
        Natives.limitBlasThreads();
        int rows = Math.min(ROWS, n);
        int width = Math.min(CANDIDATES, n);
        INDArray[] candidates = candidateTiles(xs, norms, width);
        Slabs slabs = new Slabs(xs, norms, axis, width);
        try {
            int blocks = (n + rows - 1) / rows;
            // One worker a core, each taking the next tile as it finishes one: tiles vary in cost (the slabs skipped).
            int workers = Math.min(blocks, CoreBlocks.cores());
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            CoreBlocks.run(workers, w -> {
                try (Tile tile = new Tile(rows, width, d)) {
                    for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                        monitor.checkCancelled();
                        int from = b * rows;
                        int to = Math.min(n, from + rows);
                        tile.search(xs, from, to, candidates, slabs, sIdx, sDist);
                        for (int i = from; i < to; i++) {
                            for (int m = 0; m < keep; m++) {
                                sDist[i][m] = Math.max(0, norms[i] + sDist[i][m]);
                            }
                        }
                        monitor.progress(done.addAndGet(to - from), n);
                    }
                }
            });
        } finally {
            for (INDArray c : candidates) {
                c.close();
            }
        }
        int[][] idx = new int[n][];
        float[][] dist = new float[n][];
        for (int s = 0; s < n; s++) {
            int[] row = sIdx[s];
            for (int m = 0; m < keep; m++) {
                row[m] = perm[row[m]];
            }
            idx[perm[s]] = row;
            dist[perm[s]] = sDist[s];
        }
        return new KnnGraph(idx, dist);
    }

    /** The coordinate along which the points spread most (the first, on PCA coordinates); -1 if they have none. */
    private static int widestAxis(float[][] x) {
        int d = x[0].length;
        if (d == 0) {
            return -1;
        }
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (float[] row : x) {
            for (int c = 0; c < d; c++) {
                sum[c] += row[c];
                sq[c] += (double) row[c] * row[c];
            }
        }
        int best = 0;
        for (int c = 1; c < d; c++) {
            if (sq[c] - sum[c] * sum[c] / x.length > sq[best] - sum[best] * sum[best] / x.length) {
                best = c;
            }
        }
        return best;
    }

    private static float along(float[] row, int axis) {
        return axis < 0 ? 0 : row[axis];
    }

    /** The points sorted along the axis, their norms, and the candidate tiles' width. */
    private record Slabs(float[][] xs, float[] norms, int axis, int width) {

        int tiles() {
            return (xs.length + width - 1) / width;
        }

        /**
         * Whether tile {@code t} can hold none of the k nearest of queries {@code [from, to)}: for each, the gap along
         * the axis to the tile's slab exceeds the k-th distance so far (with a margin for the float products, whose
         * rounding is relative to the norms).
         */
        boolean beyond(int t, int from, int to, float[][] key, int[] filled) {
            float lo = along(xs[t * width], axis);
            float hi = along(xs[Math.min(xs.length, (t + 1) * width) - 1], axis);
            for (int i = from; i < to; i++) {
                float[] kept = key[i];
                if (filled[i - from] < kept.length) {
                    return false;
                }
                double a = along(xs[i], axis);
                double gap = Math.max(0, Math.max(lo - a, a - hi));
                double worst = norms[i] + kept[kept.length - 1];
                if (gap * gap <= worst + 1e-3 * (worst + norms[i]) + 1e-6) { // the keys round relative to |a|^2
                    return false;
                }
            }
            return true;
        }
    }

    /** All points as rows {@code [b, |b|^2]}, {@code width} to a matrix, the last one padded with zeros. */
    private static INDArray[] candidateTiles(float[][] x, float[] norms, int width) {
        int n = x.length;
        int d = x[0].length;
        INDArray[] tiles = new INDArray[(n + width - 1) / width];
        float[] row = new float[d + 1];
        for (int t = 0; t < tiles.length; t++) {
            tiles[t] = Nd4j.create(DataType.FLOAT, width, d + 1);
            FloatBuffer memory = tiles[t].data().asNioFloat();
            for (int j = t * width; j < Math.min(n, (t + 1) * width); j++) {
                System.arraycopy(x[j], 0, row, 0, d);
                row[d] = norms[j];
                memory.put((j - t * width) * (d + 1), row);
            }
        }
        return tiles;
    }

    /** One worker's native query rows and product, and a Java copy of the product to scan. */
    private static final class Tile implements AutoCloseable {
        private final int rows;
        private final int width;
        private final int d;
        private final INDArray queries;
        private final FloatBuffer queryMemory;
        private final INDArray product;
        private final FloatBuffer productMemory;
        private final float[] scanned;
        private final float[] row;
        private final int[] filled;

        Tile(int rows, int width, int d) {
            this.rows = rows;
            this.width = width;
            this.d = d;
            queries = Nd4j.create(DataType.FLOAT, rows, d + 1);
            queryMemory = queries.data().asNioFloat();
            // Candidates x queries in column order: each query's keys lie side by side.
            product = Nd4j.create(DataType.FLOAT, new long[]{width, rows}, 'f');
            productMemory = product.data().asNioFloat();
            scanned = new float[width * rows];
            row = new float[d + 1];
            filled = new int[rows];
        }

        /**
         * Offers the candidates to queries {@code [from, to)}, keeping each one's best in {@code idx, key}: the tile
         * holding the queries first, then outwards on both sides until a side's next tile is beyond them all.
         */
        void search(float[][] x, int from, int to, INDArray[] candidates, Slabs slabs, int[][] idx, float[][] key) {
            for (int i = from; i < from + rows; i++) {
                if (i < to) {
                    for (int c = 0; c < d; c++) {
                        row[c] = -2 * x[i][c];
                    }
                    row[d] = 1;
                } else {
                    Arrays.fill(row, 0);
                }
                queryMemory.put((i - from) * (d + 1), row);
            }
            Arrays.fill(filled, 0);
            int n = x.length;
            int home = from / width;
            int down = home - 1;
            int up = home + 1;
            for (int t = home; t >= 0; ) {
                offerTile(t, x, from, to, candidates, n, idx, key);
                boolean downOpen = down >= 0 && !slabs.beyond(down, from, to, key, filled);
                boolean upOpen = up < candidates.length && !slabs.beyond(up, from, to, key, filled);
                if (!downOpen) {
                    down = -1;
                }
                if (!upOpen) {
                    up = candidates.length;
                }
                // The nearer side's tile next: the k-th distances shrink fastest.
                if (downOpen && (!upOpen || home - down <= up - home)) {
                    t = down--;
                } else if (upOpen) {
                    t = up++;
                } else {
                    t = -1;
                }
            }
        }

        private void offerTile(int t, float[][] x, int from, int to, INDArray[] candidates, int n, int[][] idx,
                               float[][] key) {
            Nd4j.gemm(candidates[t], queries, product, false, true, 1.0, 0.0);
            productMemory.get(0, scanned);
            int first = t * width;
            int count = Math.min(width, n - first);
            for (int i = from; i < to; i++) {
                int r = i - from;
                filled[r] = offer(scanned, r * width, count, first, i, idx[i], key[i], filled[r]);
            }
        }

        @Override
        public void close() {
            queries.close();
            product.close();
        }
    }

    /**
     * Offers {@code count} keys from {@code keys[off..]} (those of points {@code first...}) to the ascending buffer
     * {@code idx, val} holding {@code filled} of its {@code val.length}, skipping point {@code self}; returns the
     * number then held. Most keys lose to the worst kept at once, so the loop is mostly one compare.
     */
    static int offer(float[] keys, int off, int count, int first, int self, int[] idx, float[] val, int filled) {
        int k = val.length;
        float worst = filled < k ? Float.POSITIVE_INFINITY : val[k - 1];
        for (int j = 0; j < count; j++) {
            float v = keys[off + j];
            if (v < worst && first + j != self) {
                int pos = filled < k ? filled++ : k - 1;
                while (pos > 0 && val[pos - 1] > v) {
                    val[pos] = val[pos - 1];
                    idx[pos] = idx[pos - 1];
                    pos--;
                }
                val[pos] = v;
                idx[pos] = first + j;
                if (filled == k) {
                    worst = val[k - 1];
                }
            }
        }
        return filled;
    }
}
