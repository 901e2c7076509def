package dev.loupe.engine.inbox;

import dev.loupe.engine.util.Vectors;

import java.util.List;

/**
 * What the model says of one inbox photo.
 *
 * @param label         the top class
 * @param confidence    its calibrated probability
 * @param margin        top minus second probability ({@link Uncertainty#margin}); small = the model hesitates
 * @param entropy       of the probabilities, in bits ({@link Uncertainty#entropy})
 * @param lowConfidence confidence below {@link #LOW_CONFIDENCE}: marked as such on the thumbnail
 * @param probabilities calibrated, in the model's label order
 */
public record Suggestion(String label, float confidence, float margin, float entropy, boolean lowConfidence,
                         float[] probabilities) {

    /**
     * Below this the suggestion is shown as a guess. Half: under it the model gives the other classes together more
     * weight than its top one (calibrated probabilities, so this is a statement about the error rate).
     */
    public static final float LOW_CONFIDENCE = 0.5f;

    /** The suggestion for one row of calibrated probabilities over {@code labels}. */
    public static Suggestion of(float[] p, List<String> labels) {
        int top = Vectors.argmax(p);
        return new Suggestion(labels.get(top), p[top], Uncertainty.margin(p), Uncertainty.entropy(p),
                p[top] < LOW_CONFIDENCE, p.clone());
    }
}
