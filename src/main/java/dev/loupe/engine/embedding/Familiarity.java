package dev.loupe.engine.embedding;

import java.util.Arrays;
import java.util.Random;

/**
 * Whether a photo looks like anything in the dataset, from the similarity of its nearest dataset image. A classifier
 * always answers with one of its classes, even for a drawing of a house; what tells that photo apart is that no
 * training image is near it. The rule is learnt from the dataset itself: each of a sample of its images is held out
 * and its nearest other image found, and a photo is unfamiliar when its nearest image is less similar than all but
 * {@link #QUANTILE} of those held-out images were. Checked on the bundled flowers with the default backbone
 * ({@code FamiliarityCheck}, docs/embedding.md): 3 of 200 held-out flowers flagged (5-fold), 498 of 500 Fashion-MNIST
 * images flagged.
 *
 * @param threshold the nearest-image cosine similarity below which a photo is unfamiliar
 */
public record Familiarity(float threshold) {

    /** The share of the dataset's own (held-out) images the rule may call unfamiliar. */
    public static final double QUANTILE = 0.01;
    /** Held-out queries at most: enough for a 1 % quantile, a few seconds of dot products at 10,000 images. */
    static final int SAMPLE = 500;

    /** A rule that calls everything familiar, for a dataset too small to learn one from. */
    public static final Familiarity NONE = new Familiarity(-1f);

    /** Learns the rule from {@code vectors} (the rows of {@code index}), holding out up to {@link #SAMPLE} of them. */
    public static Familiarity learn(float[][] vectors, NeighbourIndex index, long seed) {
        return learn(vectors, index, QUANTILE, seed);
    }

    static Familiarity learn(float[][] vectors, NeighbourIndex index, double quantile, long seed) {
        if (vectors.length < 3) {
            return NONE; // nothing to learn from: no image is held out against at least two others
        }
        float[] nearest = heldOutNearest(vectors, index, SAMPLE, seed);
        if (nearest.length < 2) {
            return NONE;
        }
        Arrays.sort(nearest);
        int at = (int) Math.floor(quantile * (nearest.length - 1));
        return new Familiarity(nearest[at]);
    }

    /** For a sample of rows, the similarity of each row's nearest other row. */
    static float[] heldOutNearest(float[][] vectors, NeighbourIndex index, int sample, long seed) {
        int n = vectors.length;
        int[] rows = new Random(seed).ints(0, n).distinct().limit(Math.min(sample, n)).toArray();
        float[] out = new float[rows.length];
        int kept = 0;
        for (int row : rows) {
            var found = index.nearest(vectors[row], 1, row);
            if (!found.isEmpty()) {
                out[kept++] = found.get(0).similarity();
            }
        }
        return Arrays.copyOf(out, kept);
    }

    /** Whether a photo whose nearest dataset image has this similarity looks like the dataset. */
    public boolean familiar(float nearestSimilarity) {
        return nearestSimilarity >= threshold;
    }

    /** Whether a placed photo looks like the dataset (a placement without neighbours does not say it does not). */
    public boolean familiar(Placement placement) {
        return placement.neighbours().isEmpty() || familiar(placement.neighbours().get(0).similarity());
    }
}
