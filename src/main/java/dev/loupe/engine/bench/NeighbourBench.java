package dev.loupe.engine.bench;

import dev.loupe.engine.embedding.CosineIndex;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.embedding.NeighbourIndex;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Similar-image queries ("more like this") at each size, one row per index kind. The first kind must be exact: its
 * answers are the reference the others' recall is measured against. Queries are fresh points from the same
 * clusters, not rows of the index, as a new photo's features would be.
 */
record NeighbourBench(List<IndexKind> kinds, int[] sizes, int k, int queries, int warmUp) {

    /** A named way to build an index; an approximate index (HNSW...) adds itself to {@link #DEFAULT}'s list. */
    record IndexKind(String name, Function<float[][], NeighbourIndex> build) {
    }

    static final NeighbourBench DEFAULT = new NeighbourBench(
            List.of(new IndexKind("exact cosine", CosineIndex::forManyQueries)), new int[] {10_000, 100_000}, 10, 50, 5);

    List<BenchReport.NeighbourQuery> run() {
        ClusteredVectors data = ClusteredVectors.standard();
        float[][] q = data.generate(queries, 1);
        List<BenchReport.NeighbourQuery> rows = new ArrayList<>();
        for (int n : sizes) {
            float[][] x = data.generate(n, 0);
            List<Set<Integer>> exact = null;
            for (IndexKind kind : kinds) {
                long cpu = Timing.processCpuNanos();
                long t0 = System.nanoTime();
                NeighbourIndex index = kind.build().apply(x);
                double build = Timing.seconds(t0);
                double buildCpu = (Timing.processCpuNanos() - cpu) / 1e9;
                for (int i = 0; i < warmUp; i++) {
                    index.nearest(q[i % queries], k);
                }
                double[] millis = new double[queries];
                List<Set<Integer>> answers = new ArrayList<>(queries);
                for (int i = 0; i < queries; i++) {
                    long start = System.nanoTime();
                    List<Neighbour> found = index.nearest(q[i], k);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    answers.add(ids(found));
                }
                if (exact == null) {
                    exact = answers;
                }
                var held = new AtomicReference<>(index);
                index = null; // the holder's is the last reference, so emptying it frees the index
                double indexMb = Timing.heapHeldMb(held);
                rows.add(new BenchReport.NeighbourQuery(kind.name(), n, data.dim(), k, data.describe(), build,
                        Timing.percentile(millis, 50), Timing.percentile(millis, 95), queries,
                        recall(answers, exact), buildCpu, indexMb));
            }
        }
        return rows;
    }

    /** The share of the reference answers found, over all queries. */
    static double recall(List<Set<Integer>> answers, List<Set<Integer>> reference) {
        long found = 0;
        long total = 0;
        for (int i = 0; i < reference.size(); i++) {
            Set<Integer> hit = new HashSet<>(reference.get(i));
            total += hit.size();
            hit.retainAll(answers.get(i));
            found += hit.size();
        }
        return total == 0 ? Double.NaN : (double) found / total;
    }

    private static Set<Integer> ids(List<Neighbour> found) {
        Set<Integer> out = new HashSet<>();
        for (Neighbour nb : found) {
            out.add(nb.index());
        }
        return out;
    }
}
