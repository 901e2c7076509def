package dev.loupe.engine.embedding;

import java.util.List;

/**
 * Exact cosine search: the vectors are normalised once into one flat array, so a query is a single tight loop of dot
 * products over contiguous memory, then the top k of those similarities ({@link TopSimilar}).
 */
public final class CosineIndex implements NeighbourIndex {

    /** Multiply-adds per query above which it is split over the cores (about 1 ms of work). */
    private static final long PARALLEL_FROM = 2_000_000;

    private final int dim;
    private final int size;
    private final float[] rows;

    public CosineIndex(float[][] vectors) {
        this.size = vectors.length;
        this.dim = size == 0 ? 0 : vectors[0].length;
        this.rows = new float[size * dim];
        for (int i = 0; i < size; i++) {
            float[] unit = normalised(vectors[i]);
            System.arraycopy(unit, 0, rows, i * dim, dim);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<Neighbour> nearest(float[] query, int k, int exclude) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dim);
        }
        float[] q = normalised(query);
        int keep = Math.max(0, Math.min(k, size - (exclude >= 0 && exclude < size ? 1 : 0)));
        float[] sims = new float[size];
        if ((long) size * dim < PARALLEL_FROM) {
            dots(q, sims, 0, size);
        } else {
            int parts = Runtime.getRuntime().availableProcessors();
            java.util.stream.IntStream.range(0, parts).parallel().forEach(p ->
                    dots(q, sims, (int) ((long) size * p / parts), (int) ((long) size * (p + 1) / parts)));
        }
        return TopSimilar.of(sims, 0, size, keep, exclude);
    }

    /**
     * Dot products of {@code q} with rows [from, to), four rows at a time with two sums each: each element of the
     * query is loaded once for four rows, and the eight sums are independent chains of additions (one sum is a chain
     * of dependent additions that the JIT may not reorder, since float addition is not associative, so the CPU waits
     * on each). At 10,000 x 1,280 a query took 6.0-7.7 ms of CPU on one thread against 7.6-11.3 ms for one row with
     * four sums and 14.5-15.4 ms with one sum (docs/benchmarks.md, issue 21); past that, reading the 51 MB is the limit.
     */
    private void dots(float[] q, float[] sims, int from, int to) {
        int i = from;
        for (; i + 3 < to; i += 4) {
            dots4(q, sims, i);
        }
        for (; i < to; i++) {
            sims[i] = dot(q, i * dim);
        }
    }

    private void dots4(float[] q, float[] sims, int i) {
        int a = i * dim;
        int b = a + dim;
        int c = b + dim;
        int d = c + dim;
        int body = dim & ~1;
        float a0 = 0, a1 = 0, b0 = 0, b1 = 0, c0 = 0, c1 = 0, d0 = 0, d1 = 0;
        for (int j = 0; j < body; j += 2) {
            float q0 = q[j];
            float q1 = q[j + 1];
            a0 += q0 * rows[a + j];
            a1 += q1 * rows[a + j + 1];
            b0 += q0 * rows[b + j];
            b1 += q1 * rows[b + j + 1];
            c0 += q0 * rows[c + j];
            c1 += q1 * rows[c + j + 1];
            d0 += q0 * rows[d + j];
            d1 += q1 * rows[d + j + 1];
        }
        if (body < dim) {
            float ql = q[body];
            a0 += ql * rows[a + body];
            b0 += ql * rows[b + body];
            c0 += ql * rows[c + body];
            d0 += ql * rows[d + body];
        }
        sims[i] = a0 + a1;
        sims[i + 1] = b0 + b1;
        sims[i + 2] = c0 + c1;
        sims[i + 3] = d0 + d1;
    }

    private float dot(float[] q, int base) {
        float s = 0;
        for (int j = 0; j < dim; j++) {
            s += q[j] * rows[base + j];
        }
        return s;
    }

    /** A zero vector stays zero: it is similar to nothing rather than a NaN that poisons the ranking. */
    static float[] normalised(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        float[] out = new float[v.length];
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < v.length; j++) {
                out[j] = v[j] * inv;
            }
        }
        return out;
    }
}
