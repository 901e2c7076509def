package dev.loupe.engine.bench;

import dev.loupe.engine.inbox.InboxGroups;
import dev.loupe.engine.inbox.Uncertainty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** The orders a simulated labeller takes photos from the unlabelled pool in. */
public enum LabellingStrategy {
    /** Any order: what labelling without a model amounts to. */
    RANDOM,
    /** Smallest margin between the two top probabilities first (the inbox's "uncertain first"). */
    MARGIN,
    /** Largest entropy first. */
    ENTROPY,
    /**
     * Uncertainty with diversity: the {@value #POOL_FACTOR} x batch smallest-margin photos clustered (k-means++ on
     * their unit-length features) into one cluster per photo to pick, then each cluster's most uncertain photo, so a
     * batch does not spend its labels on near-duplicates of one confusing case.
     */
    MARGIN_DIVERSE,
    /** Most confident first: the bulk-acceptance order, which labels what the model already knows. */
    CONFIDENT;

    static final int POOL_FACTOR = 5;

    /**
     * The next {@code batch} rows to label out of {@code pool} (rows of {@code x}), given the current model's
     * probabilities for the pool rows ({@code p[i]} for {@code pool.get(i)}; unused by {@link #RANDOM}).
     */
    List<Integer> pick(List<Integer> pool, float[][] p, float[][] x, int batch, Random random) {
        int n = Math.min(batch, pool.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            order.add(i);
        }
        switch (this) {
            case RANDOM -> java.util.Collections.shuffle(order, random);
            case MARGIN, MARGIN_DIVERSE -> order.sort(Comparator.comparingDouble(i -> Uncertainty.margin(p[i])));
            case ENTROPY -> order.sort(Comparator.comparingDouble(i -> -Uncertainty.entropy(p[i])));
            case CONFIDENT -> order.sort(Comparator.comparingDouble(i -> -p[i][Uncertainty.top(p[i])]));
            default -> throw new IllegalStateException();
        }
        List<Integer> chosen = this == MARGIN_DIVERSE
                ? diverse(order.subList(0, Math.min(order.size(), n * POOL_FACTOR)), pool, x, n, random)
                : order.subList(0, n);
        return chosen.stream().map(pool::get).toList();
    }

    /** One photo per k-means cluster of the candidates (indices into the pool), the earliest candidate of each. */
    private static List<Integer> diverse(List<Integer> candidates, List<Integer> pool, float[][] x, int n,
                                         Random random) {
        if (candidates.size() <= n) {
            return candidates;
        }
        float[][] vectors = candidates.stream().map(c -> x[pool.get(c)]).toArray(float[][]::new);
        List<Integer> out = new ArrayList<>();
        for (List<Integer> cluster : InboxGroups.group(vectors, n, random.nextLong())) {
            cluster.stream().mapToInt(Integer::intValue).min().ifPresent(r -> out.add(candidates.get(r)));
        }
        // An empty cluster leaves a gap: fill it with the most uncertain candidates not taken yet.
        for (int i = 0; out.size() < n && i < candidates.size(); i++) {
            if (!out.contains(candidates.get(i))) {
                out.add(candidates.get(i));
            }
        }
        return out;
    }
}
