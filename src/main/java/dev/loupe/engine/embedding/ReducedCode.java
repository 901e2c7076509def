package dev.loupe.engine.embedding;

import java.util.Arrays;

/**
 * A vector of the neighbour graph, a unit feature vector projected on its dataset's top principal axes
 * ({@link Pca.Basis}), in one byte per dimension: {@code z[j] ~ scale * codes[j]}, the scale chosen per vector so that
 * its largest component is 127. The graph compares these instead of the full floats: at 128 of 1,280 dimensions and
 * a byte each, a fortieth of the memory to read per comparison, and an integer sum that the JIT vectorises (a float
 * sum it may not reorder). Centring does not change differences, so the squared distance of two projections is close
 * to that of the unit vectors, {@code 2 - 2 cos}; the index re-ranks its candidates on the full vectors, so the
 * similarities it returns are exact.
 */
record ReducedCode(byte[] codes, float scale, float norm2) {

    /** The code of a projected vector; the zero vector gets scale 0. */
    static ReducedCode of(float[] z) {
        float max = 0;
        for (float f : z) {
            max = Math.max(max, Math.abs(f));
        }
        byte[] codes = new byte[z.length];
        if (max == 0 || !Float.isFinite(max)) {
            return of(codes, 0);
        }
        float scale = max / 127;
        for (int j = 0; j < z.length; j++) {
            codes[j] = (byte) Math.round(z[j] / scale);
        }
        return of(codes, scale);
    }

    /** A code as stored: its squared length follows from the codes and scale. */
    static ReducedCode of(byte[] codes, float scale) {
        return new ReducedCode(codes, scale, scale * scale * dot(codes, codes));
    }

    int dimensions() {
        return codes.length;
    }

    /** The squared distance of the two decoded vectors. */
    float distance(ReducedCode other) {
        return Math.max(0, norm2 + other.norm2 - 2 * scale * other.scale * dot(codes, other.codes));
    }

    /**
     * One plain sum, which the JIT of Java 17 vectorises as it is: on 1,280-d codes in cache it took 0.85 us of CPU
     * against 2.2 us for the same loop split into four sums by hand, 1.7 us for floats with eight sums and 2.4 us for
     * hnswlib's float inner product (one thread, 2026-12-02 under load 12; docs/embedding.md).
     */
    static int dot(byte[] a, byte[] b) {
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    boolean sameAs(ReducedCode other) {
        return scale == other.scale && Arrays.equals(codes, other.codes);
    }
}
