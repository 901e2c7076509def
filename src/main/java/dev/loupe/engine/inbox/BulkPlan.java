package dev.loupe.engine.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What "accept every suggestion at or above a confidence" would do, before it is done.
 *
 * @param minConfidence    the threshold, in [0, 1]
 * @param byClass          the inbox photos it moves, per suggested class (classes in the model's order, photos most
 *                         confident first)
 * @param unfamiliarLeft   photos at or above the threshold left in the inbox because they look like nothing labelled
 *                         (out of distribution: a confident answer there is not evidence)
 * @param validationPhotos validation photos at or above the threshold
 * @param validationErrors of those, how many the model got wrong
 * @param expectedErrors   the calibrated expectation for the photos it moves: the sum of (1 - confidence)
 */
public record BulkPlan(double minConfidence, Map<String, List<String>> byClass, int unfamiliarLeft,
                       int validationPhotos, int validationErrors, double expectedErrors) {

    public BulkPlan {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byClass.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byClass = java.util.Collections.unmodifiableMap(copy);
    }

    /** How many photos it moves. */
    public int total() {
        return byClass.values().stream().mapToInt(List::size).sum();
    }

    /** How many per class, in class order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        byClass.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    /** The error rate measured on the validation split at this threshold; NaN when no validation photo reaches it. */
    public double validationErrorRate() {
        return validationPhotos == 0 ? Double.NaN : validationErrors / (double) validationPhotos;
    }

    /** The calibrated expected error rate of the photos it moves; NaN when it moves none. */
    public double expectedErrorRate() {
        return total() == 0 ? Double.NaN : expectedErrors / total();
    }
}
