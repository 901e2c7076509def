package dev.loupe.engine.bench;

import dev.loupe.engine.embedding.HnswCosineIndex;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * With {@code --scale}: the HNSW index Loupe uses past {@code NeighbourIndexes.EXACT_LIMIT}, at 100,000 and 1,000,000
 * vectors that look like backbone features ({@link FeatureLikeVectors}: low intrinsic dimension, unlike the Gaussian
 * clouds of the default rows, on which no graph index does well). It reports the build (wall and process CPU), the
 * heap the index holds beyond the vectors, and queries of fresh points against an exact scan of the same vectors.
 */
record NeighbourScaleBench(int[] sizes, int dim, int k, int queries) {

    static final NeighbourScaleBench DEFAULT = new NeighbourScaleBench(new int[] {100_000, 1_000_000}, 1280, 10, 100);

    List<BenchReport.NeighbourQuery> run(Consumer<String> progress) {
        List<BenchReport.NeighbourQuery> rows = new ArrayList<>();
        for (int n : sizes) {
            // The vectors (4 bytes a value), the index's codes and graph (about a third of that), and room to work.
            long needed = (long) n * dim * 4 * 2;
            String data = String.format(Locale.ROOT, "feature-like (100 clusters of 32 directions) in %d-d", dim);
            if (Runtime.getRuntime().maxMemory() < needed) {
                String heap = "-Xmx" + ((needed >> 30) + 2) + "g"; // the JVM's maximum is a little under -Xmx
                progress.accept(String.format(Locale.ROOT, "HNSW at %,d vectors not run: it needs %s "
                        + "(LOUPE_JAVA_OPTS=%s)", n, heap, heap));
                rows.add(new BenchReport.NeighbourQuery("HNSW (not run: " + heap + ")", n, dim, k, data, Double.NaN,
                        Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            progress.accept(String.format(Locale.ROOT, "HNSW index of %,d vectors", n));
            rows.add(run(n, data));
        }
        return rows;
    }

    private BenchReport.NeighbourQuery run(int n, String data) {
        float[][] all = FeatureLikeVectors.clustered(n + queries, dim, 100, 42);
        float[][] x = java.util.Arrays.copyOf(all, n);
        float[][] q = java.util.Arrays.copyOfRange(all, n, n + queries);
        all = null;
        List<Set<Integer>> truth = IntStream.range(0, queries).parallel().mapToObj(i -> exact(x, q[i]))
                .collect(Collectors.toList());
        long cpu = Timing.processCpuNanos();
        long t0 = System.nanoTime();
        HnswCosineIndex index = HnswCosineIndex.build(x, HnswCosineIndex.Params.DEFAULT, JobMonitor.silent());
        double build = Timing.seconds(t0);
        double buildCpu = (Timing.processCpuNanos() - cpu) / 1e9;
        for (int i = 0; i < Math.min(20, queries); i++) {
            index.nearest(q[i], k);
        }
        double[] millis = new double[queries];
        List<Set<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            long s = System.nanoTime();
            List<Neighbour> found = index.nearest(q[i], k);
            millis[i] = (System.nanoTime() - s) / 1e6;
            answers.add(found.stream().map(Neighbour::index).collect(Collectors.toSet()));
        }
        HnswCosineIndex.Params p = index.params();
        var held = new AtomicReference<>(index);
        index = null; // the holder's is the last reference, so emptying it frees the index
        double indexMb = Timing.heapHeldMb(held);
        String name = String.format(Locale.ROOT, "HNSW M%d efC%d ef%d on %d-d codes", p.m(), p.efConstruction(),
                p.ef(), p.dimensions());
        return new BenchReport.NeighbourQuery(name, n, dim, k, data, build, Timing.percentile(millis, 50),
                Timing.percentile(millis, 95), queries, NeighbourBench.recall(answers, truth), buildCpu, indexMb);
    }

    /** The exact top k by cosine, one pass over the rows. */
    private Set<Integer> exact(float[][] x, float[] query) {
        float[] unit = unit(query);
        PriorityQueue<float[]> best = new PriorityQueue<>(k + 1, (a, b) -> Float.compare(a[0], b[0]));
        for (int i = 0; i < x.length; i++) {
            float norm = HnswCosineIndex.dot(x[i], x[i]);
            float sim = norm > 0 ? HnswCosineIndex.dot(unit, x[i]) / (float) Math.sqrt(norm) : 0;
            if (best.size() < k || sim > best.peek()[0]) {
                best.add(new float[] {sim, i});
                if (best.size() > k) {
                    best.poll();
                }
            }
        }
        return best.stream().map(e -> (int) e[1]).collect(Collectors.toSet());
    }

    private static float[] unit(float[] v) {
        float norm = (float) Math.sqrt(HnswCosineIndex.dot(v, v));
        float[] out = v.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] = norm > 0 ? out[j] / norm : 0;
        }
        return out;
    }
}
