package dev.loupe.engine.embedding;

import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a finished map up to date with its dataset without a new t-SNE, which at 70,000 images costs a minute and
 * moves every point the user has looked at. Images still there keep their places (found by path, else by content
 * hash, so a moved or relabelled photo stays put); new images are placed among their nearest neighbours as a
 * dropped photo is ({@link Placement}, on the old map's index and layout); removed ones leave. The result counts its
 * placed points, so the pane can say the map is approximate until the user recomputes it.
 */
public final class MapUpdate {

    /** Neighbours a new point is placed among, as for a classified photo. */
    static final int NEIGHBOURS = 8;

    private MapUpdate() {
    }

    public static DatasetMap apply(DatasetMap old, FeatureSet now, JobMonitor monitor) {
        return apply(old, now, null, monitor);
    }

    /** {@link #apply}; {@code indexFile} (or null: none) keeps the neighbour graph of a large dataset up to date. */
    public static DatasetMap apply(DatasetMap old, FeatureSet now, java.nio.file.Path indexFile, JobMonitor monitor) {
        Map<String, Integer> byPath = new HashMap<>();
        Map<String, Deque<Integer>> byHash = new HashMap<>();
        for (int i = 0; i < old.size(); i++) {
            Sample s = old.samples().get(i);
            byPath.put(s.image().relativePath(), i);
            byHash.computeIfAbsent(s.hash(), h -> new ArrayDeque<>()).add(i);
        }
        List<Sample> samples = now.samples();
        int n = samples.size();
        int[] from = new int[n];
        boolean[] used = new boolean[old.size()];
        for (int i = 0; i < n; i++) {
            Integer at = byPath.get(samples.get(i).image().relativePath());
            from[i] = at != null && old.samples().get(at).hash().equals(samples.get(i).hash()) ? at : -1;
            if (from[i] >= 0) {
                used[from[i]] = true;
            }
        }
        float[] xs = new float[n];
        float[] ys = new float[n];
        int placed = old.placed();
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0) {
                monitor.checkCancelled();
            }
            if (from[i] < 0) {
                from[i] = unused(byHash.get(samples.get(i).hash()), used);
            }
            if (from[i] >= 0) {
                xs[i] = old.layout().x()[from[i]];
                ys[i] = old.layout().y()[from[i]];
            } else {
                Placement p = old.place(samples.get(i).features(), NEIGHBOURS);
                xs[i] = p.x();
                ys[i] = p.y();
                placed++;
            }
        }
        NeighbourIndex index = NeighbourIndexes.of(samples, indexFile, monitor);
        TsneLayout layout = new TsneLayout(old.layout().iterations(), old.layout().iterations(), xs, ys);
        return new DatasetMap(now.backboneId(), samples, layout, index, old.familiarity(), placed);
    }

    private static int unused(Deque<Integer> candidates, boolean[] used) {
        if (candidates == null) {
            return -1;
        }
        for (Integer c : candidates) {
            if (!used[c]) {
                used[c] = true;
                return c;
            }
        }
        return -1;
    }
}
