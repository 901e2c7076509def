package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Natives;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact k most similar others of every vector (cosine), as the audit needs them for every image: the blocked
 * nearest-neighbour search of the map ({@link KnnGraph#exact}, BLAS tiles spread over the cores) run on the unit
 * vectors, where the squared distance is {@code 2 - 2 cos}, so the nearest are the most similar. A zero vector is at
 * distance 1 from every unit vector, as if its cosine were 0.5 rather than 0, and may stand in for a true neighbour:
 * each search keeps as many more as there are zero vectors, and the kept ones are ranked by their exact cosine.
 */
public final class AllNearest {

    private AllNearest() {
    }

    /** {@code result.get(i)}: the {@code k} vectors most similar to vector i (itself excluded), most similar first. */
    public static List<List<Neighbour>> of(float[][] vectors, int k, JobMonitor monitor) {
        int n = vectors.length;
        List<List<Neighbour>> result = new ArrayList<>(n);
        if (n == 0) {
            return result;
        }
        Natives.configure();
        float[][] unit = new float[n][];
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            unit[i] = CosineIndex.normalised(vectors[i]);
            zeros += HnswCosineIndex.dot(unit[i], unit[i]) == 0 ? 1 : 0;
        }
        int keep = Math.min(k, n - 1);
        KnnGraph graph = KnnGraph.exact(unit, keep + zeros, monitor);
        for (int i = 0; i < n; i++) {
            int[] found = graph.indices()[i];
            float[] sims = new float[found.length];
            for (int m = 0; m < found.length; m++) {
                sims[m] = HnswCosineIndex.dot(unit[i], unit[found[m]]);
            }
            List<Neighbour> top = new ArrayList<>(keep);
            for (Neighbour nb : TopSimilar.of(sims, 0, found.length, keep, -1)) {
                top.add(new Neighbour(found[nb.index()], nb.similarity()));
            }
            result.add(top);
        }
        monitor.progress(n, n);
        return result;
    }
}
