package dev.loupe.engine.inbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Uncertainty with diversity: of the {@value #POOL_FACTOR} x n most uncertain photos, clustered into n groups
 * ({@link InboxGroups}, k-means++ on unit-length features), the most uncertain photo of each group. The n photos
 * labelled before the next retrain then teach n different things instead of one confusing case n times (a shirt
 * against a T-shirt, over and over). The inbox's {@link InboxOrder#UNCERTAIN_DIVERSE} order and the labelling
 * benchmark's margin+diverse both pick with it.
 */
public final class DiverseUncertainty {

    /** How many candidates per photo to pick: the most uncertain 5 x n are clustered. */
    public static final int POOL_FACTOR = 5;

    private DiverseUncertainty() {
    }

    /**
     * {@code n} of {@code ranked} (indices into {@code features}, most uncertain first), one per group of the first
     * {@code POOL_FACTOR * n}, in their rank order; fewer candidates than n are all taken. The same seed gives the same
     * picks.
     */
    public static List<Integer> pick(List<Integer> ranked, float[][] features, int n, long seed) {
        List<Integer> candidates = ranked.subList(0, Math.min(ranked.size(), n * POOL_FACTOR));
        if (candidates.size() <= n) {
            return List.copyOf(candidates);
        }
        float[][] vectors = candidates.stream().map(c -> features[c]).toArray(float[][]::new);
        boolean[] taken = new boolean[candidates.size()];
        for (List<Integer> group : InboxGroups.group(vectors, n, seed)) {
            group.stream().mapToInt(Integer::intValue).min().ifPresent(i -> taken[i] = true);
        }
        // An empty group leaves a gap: fill it with the most uncertain candidates not taken yet.
        int count = 0;
        for (boolean t : taken) {
            count += t ? 1 : 0;
        }
        for (int i = 0; count < n && i < taken.length; i++) {
            if (!taken[i]) {
                taken[i] = true;
                count++;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < taken.length; i++) {
            if (taken[i]) {
                out.add(candidates.get(i));
            }
        }
        return out;
    }
}
