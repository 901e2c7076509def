package dev.loupe.engine.bench;

import dev.loupe.engine.inbox.DiverseUncertainty;
import dev.loupe.engine.inbox.Uncertainty;
import dev.loupe.engine.util.Vectors;

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
     * Uncertainty with diversity ({@link DiverseUncertainty}, the inbox's "uncertain, spread out"): the 5 x batch
     * smallest-margin photos clustered into one group per photo to pick, each group's most uncertain photo taken.
     */
    MARGIN_DIVERSE,
    /** Most confident first: the bulk-acceptance order, which labels what the model already knows. */
    CONFIDENT;

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
            case CONFIDENT -> order.sort(Comparator.comparingDouble(i -> -p[i][Vectors.argmax(p[i])]));
            default -> throw new IllegalStateException();
        }
        List<Integer> chosen = this == MARGIN_DIVERSE
                ? DiverseUncertainty.pick(order, pool.stream().map(r -> x[r]).toArray(float[][]::new), n,
                        random.nextLong())
                : order.subList(0, n);
        return chosen.stream().map(pool::get).toList();
    }
}
