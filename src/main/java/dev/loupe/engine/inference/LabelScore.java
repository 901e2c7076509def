package dev.loupe.engine.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One label and its calibrated probability. */
public record LabelScore(String label, double probability) {

    /** The {@code k} most probable labels (at least one), best first. */
    public static List<LabelScore> top(List<String> labels, float[] p, int k) {
        List<LabelScore> all = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            all.add(new LabelScore(labels.get(i), p[i]));
        }
        all.sort(Comparator.comparingDouble(LabelScore::probability).reversed());
        return List.copyOf(all.subList(0, Math.min(Math.max(1, k), all.size())));
    }
}
