package dev.loupe.engine.training;

/**
 * A training split's rows: its photos, and augmented variants of them, each variant knowing its photo. The head
 * trains on all of them; {@link HeadSearch}'s folds hold out photos only, and train each fold on its training photos
 * with their variants, never on a variant of a held-out photo (that would score a setting on what it has nearly seen).
 *
 * @param photos   the photos as they are
 * @param variants augmented variants of some of the photos
 * @param photoOf  for each variant, the index of its photo in {@code photos}
 */
public record TrainingRows(LabelledFeatures photos, LabelledFeatures variants, int[] photoOf) {

    public TrainingRows {
        if (photoOf.length != variants.size()) {
            throw new IllegalArgumentException("every variant needs its photo");
        }
        for (int i = 0; i < photoOf.length; i++) {
            if (photoOf[i] < 0 || photoOf[i] >= photos.size() || variants.y()[i] != photos.y()[photoOf[i]]) {
                throw new IllegalArgumentException("variant " + i + " names no photo of its class");
            }
        }
    }

    /** Photos without variants. */
    public static TrainingRows of(LabelledFeatures photos) {
        return new TrainingRows(photos, new LabelledFeatures(new float[0][], new int[0]), new int[0]);
    }

    /** The photos, then the variants: what the final head trains on. */
    public LabelledFeatures all() {
        if (variants.isEmpty()) {
            return photos;
        }
        int n = photos.size();
        float[][] x = new float[n + variants.size()][];
        int[] y = new int[x.length];
        System.arraycopy(photos.x(), 0, x, 0, n);
        System.arraycopy(variants.x(), 0, x, n, variants.size());
        System.arraycopy(photos.y(), 0, y, 0, n);
        System.arraycopy(variants.y(), 0, y, n, variants.size());
        return new LabelledFeatures(x, y);
    }
}
