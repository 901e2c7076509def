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

    private final int dim;
    private final int size;
    private final float[] rows;
    private final BoundedCodes codes;

    public CosineIndex(float[][] vectors) {
        this.size = vectors.length;
        this.dim = size == 0 ? 0 : vectors[0].length;
        this.rows = new float[size * dim];
        java.util.stream.IntStream.range(0, size).parallel()
                .forEach(i -> System.arraycopy(normalised(vectors[i]), 0, rows, i * dim, dim));
        this.codes = new BoundedCodes(rows, size, dim);
    }

    @Override
    public int size() {
        return size;
    }

    /** Bytes held per vector: the unit vector in floats, then its codes and bound. */
    public int bytesPerVector() {
        return 4 * dim + codes.bytesPerVector();
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
        int[] rowsLeft = codes.candidates(q, keep, skip, 2 * roundingBound(dim) + 1e-9);
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
