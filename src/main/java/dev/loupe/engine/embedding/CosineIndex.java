package dev.loupe.engine.embedding;

import java.util.List;

/**
 * Exact cosine search: the vectors are normalised once into one flat array, so a query is a single tight loop of dot
 * products over contiguous memory, then the top k of those similarities ({@link TopSimilar}).
 */
public final class CosineIndex implements NeighbourIndex {

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
        for (int i = 0; i < size; i++) {
            float s = 0;
            int base = i * dim;
            for (int j = 0; j < dim; j++) {
                s += q[j] * rows[base + j];
            }
            sims[i] = s;
        }
        return TopSimilar.of(sims, 0, size, keep, exclude);
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
