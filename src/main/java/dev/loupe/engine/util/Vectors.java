package dev.loupe.engine.util;

/** Small operations on float vectors. */
public final class Vectors {

    private Vectors() {
    }

    /** Index of the largest value (the first one on ties). */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
