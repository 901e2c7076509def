package dev.loupe.engine.inbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts inbox photos. Every order is total and stable: ties (and photos without a suggestion, which go last) fall
 * back to the path, so the same inbox and model always give the same sequence, and a refresh after a retrain moves
 * only the photos whose figures changed.
 */
public final class InboxOrders {

    private static final Comparator<InboxPhoto> BY_PATH = Comparator.comparing(InboxPhoto::path);
    private static final long SPREAD_SEED = 19;

    private InboxOrders() {
    }

    /**
     * The photos in {@code order}; {@link InboxOrder#SIMILAR} needs an anchor, so here it keeps path order (use
     * {@link #similarTo}). {@code labels} is the model's label order, for {@link InboxOrder#CLASS}.
     */
    public static List<InboxPhoto> sort(List<InboxPhoto> photos, InboxOrder order, List<String> labels) {
        Comparator<InboxPhoto> c = switch (order) {
            case UNCERTAIN, UNCERTAIN_DIVERSE -> suggested(Comparator.comparingDouble(p -> p.suggestion().margin()));
            case CONFIDENT -> suggested(Comparator.comparingDouble(p -> -p.suggestion().confidence()));
            case CLASS -> {
                Map<String, Integer> rank = new HashMap<>();
                for (int i = 0; i < labels.size(); i++) {
                    rank.put(labels.get(i), i);
                }
                yield suggested(Comparator.<InboxPhoto>comparingInt(
                        p -> rank.getOrDefault(p.suggestion().label(), labels.size()))
                        .thenComparingDouble(p -> -p.suggestion().confidence()));
            }
            case SIMILAR -> BY_PATH;
        };
        List<InboxPhoto> out = new ArrayList<>(photos);
        out.sort(c);
        return order == InboxOrder.UNCERTAIN_DIVERSE ? spreadFirst(out, AutoRetrain.DEFAULT_EVERY) : out;
    }

    /**
     * The photos up to the next retrain ({@code n}) taken from different groups of the most uncertain
     * ({@link DiverseUncertainty}), in margin order; the rest after them in margin order. Only the first n matter:
     * the retrain after them orders the inbox anew. A fixed seed keeps the order the same for the same inbox.
     */
    private static List<InboxPhoto> spreadFirst(List<InboxPhoto> byMargin, int n) {
        List<Integer> ranked = new ArrayList<>();
        for (int i = 0; i < byMargin.size() && byMargin.get(i).hasSuggestion(); i++) {
            ranked.add(i);
        }
        float[][] features = byMargin.stream().map(InboxPhoto::features).toArray(float[][]::new);
        List<Integer> first = DiverseUncertainty.pick(ranked, features, n, SPREAD_SEED);
        List<InboxPhoto> out = new ArrayList<>();
        first.forEach(i -> out.add(byMargin.get(i)));
        java.util.Set<Integer> taken = java.util.Set.copyOf(first);
        for (int i = 0; i < byMargin.size(); i++) {
            if (!taken.contains(i)) {
                out.add(byMargin.get(i));
            }
        }
        return out;
    }

    /** The photos most similar (cosine of the features) to {@code anchor} first; the anchor itself leads. */
    public static List<InboxPhoto> similarTo(List<InboxPhoto> photos, float[] anchor) {
        Map<InboxPhoto, Double> sim = new HashMap<>();
        for (InboxPhoto p : photos) {
            sim.put(p, cosine(p.features(), anchor));
        }
        List<InboxPhoto> out = new ArrayList<>(photos);
        out.sort(Comparator.<InboxPhoto>comparingDouble(p -> -sim.get(p)).thenComparing(BY_PATH));
        return out;
    }

    /** Photos with a suggestion by {@code c}, then those without; path breaks every tie. */
    private static Comparator<InboxPhoto> suggested(Comparator<InboxPhoto> c) {
        return Comparator.<InboxPhoto, Boolean>comparing(p -> !p.hasSuggestion())
                .thenComparing((a, b) -> a.hasSuggestion() && b.hasSuggestion() ? c.compare(a, b) : 0)
                .thenComparing(BY_PATH);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
