package dev.loupe.engine.training;

import java.util.SplittableRandom;

/**
 * Inverted-dropout masks from a seeded Java generator: each unit kept with probability {@code keep} and then scaled by
 * 1 / keep, dropped units 0. One 64-bit draw decides four units (16 bits each, so {@code keep} is honoured to
 * 1/65,536). It replaced a DL4J random op per training step, whose fixed cost was about a tenth of training a head
 * (docs/benchmarks.md, "Head training").
 */
final class DropoutMasks {

    private static final int LEVELS = 1 << 16;

    private final SplittableRandom random;
    private final long threshold;
    private final float scale;

    DropoutMasks(long seed, double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep probability must be in (0, 1]: " + keep);
        }
        this.random = new SplittableRandom(seed);
        this.threshold = Math.round(keep * LEVELS);
        this.scale = (float) (1 / keep);
    }

    /** Fills {@code mask[0, n)} with the next {@code n} units' factors, row after row. */
    void fill(float[] mask, int n) {
        int i = 0;
        while (i < n) {
            long bits = random.nextLong();
            for (int k = 0; k < 4 && i < n; k++, i++, bits >>>= 16) {
                mask[i] = (bits & (LEVELS - 1)) < threshold ? scale : 0f;
            }
        }
    }
}
