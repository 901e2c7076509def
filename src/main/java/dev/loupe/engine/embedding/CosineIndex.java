package dev.loupe.engine.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact cosine search. The vectors are normalised once into one flat array; a query first scans their one-byte codes
 * ({@link BoundedCodes}, a quarter of the bytes), which bound every cosine from both sides, then computes the float
 * cosine of only the rows whose upper bound reaches the k-th largest lower bound, and keeps the top k of those
 * ({@link TopSimilar}). The answer is the one a float scan of every row would give: the rows left out are provably
 * below k others even after the float rounding of {@link #similarity}, and ties keep the lower row first.
 */
public final class CosineIndex implements NeighbourIndex {

    /** Axes of the first bound: on real 768-d features 256 leave about a sixth of a vector's length off them. */
    static final int AXES = 256;
    /**
     * Below this many rows the full codes alone: at 10,000 x 1,280 feature-like vectors the projected bound left 98
     * rows to re-read against the full codes' 16 and took no less CPU a query (3.05 against 2.65 ms, load 22); at
     * 100,000 it took 10.3 ms against 26.2 (MemoryPassBenchmark, 2026-12-03 11:36-11:44; docs/embedding.md).
     */
    private static final int PROJECT_FROM_ROWS = 20_000;
    /** Past this share of the rows left by the first bound, the full codes rule out more for their cost. */
    private static final int FALLBACK_SHARE = 16;

    private final int dim;
    private final int size;
    private final float[] rows;
    private final BoundedCodes codes;
    /** The cheaper first bound, or null where it would not pay (few rows, few dimensions). */
    private final ProjectedBound projected;

    /** For a query or two (`loupe similar`): the full codes only, nothing to fit first. */
    public CosineIndex(float[][] vectors) {
        this(vectors, 0);
    }

    /**
     * For many queries (the studio's neighbour strip, the bench): with the projected bound first where it pays, which
     * costs a fit and a projection of every row when built (about a second of CPU at 10,000 x 1,280) and then reads
     * a fifth of the bytes per query.
     */
    public static CosineIndex forManyQueries(float[][] vectors) {
        boolean pays = vectors.length >= PROJECT_FROM_ROWS && vectors[0].length >= 3 * AXES;
        return new CosineIndex(vectors, pays ? AXES : 0);
    }

    /** With the first bound on {@code axes} axes (0: none), so that tests can use it on small data too. */
    CosineIndex(float[][] vectors, int axes) {
        this.size = vectors.length;
        this.dim = size == 0 ? 0 : vectors[0].length;
        this.rows = new float[size * dim];
        java.util.stream.IntStream.range(0, size).parallel()
                .forEach(i -> System.arraycopy(normalised(vectors[i]), 0, rows, i * dim, dim));
        this.codes = new BoundedCodes(rows, size, dim);
        this.projected = axes > 0 && size > 0 ? ProjectedBound.of(rows, size, dim, Math.min(axes, dim)) : null;
    }

    @Override
    public int size() {
        return size;
    }

    /** Bytes held per vector: the unit vector in floats, then its codes and bounds. */
    public int bytesPerVector() {
        return 4 * dim + codes.bytesPerVector() + (projected == null ? 0 : projected.bytesPerVector());
    }

    @Override
    public List<Neighbour> nearest(float[] query, int k, int exclude) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dim);
        }
        int skip = exclude >= 0 && exclude < size ? exclude : -1;
        int keep = Math.max(0, Math.min(k, size - (skip >= 0 ? 1 : 0)));
        if (keep == 0) {
            return List.of();
        }
        float[] q = normalised(query);
        int[] rowsLeft = candidates(q, keep, skip);
        float[] sims = new float[rowsLeft.length];
        for (int c = 0; c < rowsLeft.length; c++) {
            sims[c] = similarity(q, rowsLeft[c]);
        }
        List<Neighbour> out = new ArrayList<>(keep);
        for (Neighbour nb : TopSimilar.of(sims, 0, sims.length, keep, -1)) {
            out.add(new Neighbour(rowsLeft[nb.index()], nb.similarity()));
        }
        return out;
    }

    /**
     * The rows whose float cosine with the unit {@code q} may be among the {@code keep} largest (row {@code skip}
     * left out), ascending. With the first bound: the float cosines of the 2 keep rows of highest upper bound give a
     * k-th similarity t that the answer can only beat, and every row whose upper bound reaches t (or the k-th lower
     * bound) less the rounding margin stays; if that is more than a sixteenth of the rows, the full codes decide.
     */
    int[] candidates(float[] q, int keep, int skip) {
        double margin = 2 * roundingBound(dim) + 1e-9;
        int[] first = projected == null ? null : firstBound(q, keep, skip, margin);
        return first != null ? first : codes.candidates(q, keep, skip, margin);
    }

    /** The rows the projected bound leaves, ascending, or null when they are more than a sixteenth of all. */
    int[] firstBound(float[] q, int keep, int skip, double margin) {
        double[] estimate = new double[size];
        double[] radius = new double[size];
        projected.bounds(q, estimate, radius);
        double[] upper = new double[size];
        for (int i = 0; i < size; i++) {
            upper[i] = i == skip ? Double.NEGATIVE_INFINITY : estimate[i] + radius[i];
        }
        int[] top = TopSimilar.indicesOfLargest(upper, Math.min(size, 2 * keep));
        float[] sims = new float[top.length];
        for (int c = 0; c < top.length; c++) {
            sims[c] = top[c] == skip ? Float.NEGATIVE_INFINITY : similarity(q, top[c]);
        }
        java.util.Arrays.sort(sims);
        double threshold = Math.max(sims[sims.length - keep], BoundedCodes.kthLowerBound(estimate, radius, keep, skip))
                - margin;
        int[] out = new int[size / FALLBACK_SHARE + 1];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (upper[i] >= threshold) {
                if (n == out.length) {
                    return null;
                }
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * The float cosine of the unit query with row i: eight independent sums, so the CPU need not wait on each
     * addition (Java may not reorder float additions, so one sum is one chain). Every row goes through this same
     * function, so a row's similarity does not depend on where it sits.
     */
    float similarity(float[] q, int i) {
        int base = i * dim;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 7 < dim; j += 8) {
            s0 += q[j] * rows[base + j];
            s1 += q[j + 1] * rows[base + j + 1];
            s2 += q[j + 2] * rows[base + j + 2];
            s3 += q[j + 3] * rows[base + j + 3];
            s4 += q[j + 4] * rows[base + j + 4];
            s5 += q[j + 5] * rows[base + j + 5];
            s6 += q[j + 6] * rows[base + j + 6];
            s7 += q[j + 7] * rows[base + j + 7];
        }
        for (; j < dim; j++) {
            s0 += q[j] * rows[base + j];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * How far {@link #similarity} of two vectors of norm at most 1 can be from their exact dot product: each product
     * passes through at most dim / 8 + 7 + 3 float additions and its own rounding, each off by a relative 2^-24
     * (Higham's gamma_n bound), taken here generously as (dim + 16) roundings.
     */
    static double roundingBound(int dim) {
        double u = Math.ulp(1.0f) / 2;
        double n = dim + 16;
        return n * u / (1 - n * u) * (1 + 1e-6);
    }

    /**
     * A zero vector stays zero: it is similar to nothing rather than a NaN that poisons the ranking; so does one with
     * a NaN or infinite component. The norm is summed in double, so that neither a huge nor a tiny vector overflows.
     */
    static float[] normalised(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        float[] out = new float[v.length];
        if (norm > 0 && Double.isFinite(norm)) {
            double inv = 1 / Math.sqrt(norm);
            float f = (float) inv;
            boolean normal = f >= Float.MIN_NORMAL && f < Float.POSITIVE_INFINITY;
            for (int j = 0; j < v.length; j++) { // a float product unless 1 / norm is out of a float's normal range
                out[j] = normal ? v[j] * f : (float) (v[j] * inv);
            }
        }
        return out;
    }
}
