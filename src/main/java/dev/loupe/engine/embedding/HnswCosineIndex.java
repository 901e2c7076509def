package dev.loupe.engine.embedding;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Approximate cosine search with an HNSW graph (hnswlib-core): vectors are normalised once, so the library's inner
 * product distance (1 - dot) is the cosine distance. A query visits a few thousand vectors instead of all of them,
 * at the price of sometimes missing a true neighbour (recall@10 is measured in docs/embedding.md).
 */
public final class HnswCosineIndex implements NeighbourIndex {

    /**
     * The graph's knobs: {@code m} links per node, {@code efConstruction} candidates while inserting (build time vs
     * graph quality), {@code ef} candidates while searching (query time vs recall; never below k).
     */
    public record Params(int m, int efConstruction, int ef) {
        /**
         * From {@code NeighbourIndexBenchmark}: with ef = 100, recall@10 was 0.983 on Fashion-MNIST pixels (70,000)
         * and 0.993 on clustered 1,280-d features (100,000) at 1.2-1.8 ms a query; ef = 50 halves that time but
         * drops recall to 0.977-0.979.
         */
        public static final Params DEFAULT = new Params(16, 100, 100);
    }

    /** The library wants an item with a boxed id; the row number in the indexed array is that id. */
    private record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    private final HnswIndex<Integer, float[], Row, Float> graph;
    private final int dim;
    private final int size;
    private final Params params;

    private HnswCosineIndex(HnswIndex<Integer, float[], Row, Float> graph, int dim, int size, Params params) {
        this.graph = graph;
        this.dim = dim;
        this.size = size;
        this.params = params;
    }

    /**
     * Builds the graph on every core, reporting progress and stopping when the job is cancelled. Insertion order is
     * not fixed across threads, so two builds of the same vectors may differ slightly.
     */
    public static HnswCosineIndex build(float[][] vectors, Params params, JobMonitor monitor) {
        int n = vectors.length;
        int dim = n == 0 ? 0 : vectors[0].length;
        HnswIndex<Integer, float[], Row, Float> graph = HnswIndex
                .newBuilder(Math.max(1, dim), DistanceFunctions.FLOAT_INNER_PRODUCT, Math.max(1, n))
                .withM(params.m()).withEfConstruction(params.efConstruction()).withEf(params.ef())
                .build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n && !stop.get(); i = next.getAndIncrement()) {
                graph.add(new Row(i, CosineIndex.normalised(vectors[i])));
                done.incrementAndGet();
            }
        };
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / 1_000));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hnsw-build");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(worker));
            }
            for (Future<?> part : parts) {
                awaitReporting(part, done, n, stop, monitor);
            }
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        return new HnswCosineIndex(graph, dim, n, params);
    }

    /** Waits for one worker; meanwhile this (the job's) thread reports progress and is the one that sees a cancel. */
    private static void awaitReporting(Future<?> part, AtomicInteger done, int n, AtomicBoolean stop,
                                       JobMonitor monitor) {
        while (true) {
            try {
                part.get(250, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                monitor.progress(done.get(), n);
                if (monitor.isCancelled()) {
                    stop.set(true);
                    monitor.checkCancelled();
                }
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the neighbour index", e);
            } catch (ExecutionException e) {
                stop.set(true);
                throw new IllegalStateException("building the neighbour index failed", e.getCause());
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    public Params params() {
        return params;
    }

    /**
     * The same graph searched with another {@code ef}, so a benchmark can sweep it without rebuilding. The graph is
     * shared and the library keeps ef in it: this index then searches with the new ef too.
     */
    HnswCosineIndex withSearchEf(int ef) {
        graph.setEf(ef);
        return new HnswCosineIndex(graph, dim, size, new Params(params.m(), params.efConstruction(), ef));
    }

    @Override
    public List<Neighbour> nearest(float[] query, int k, int exclude) {
        if (size > 0 && query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dim);
        }
        if (k <= 0 || size == 0) {
            return List.of();
        }
        boolean excluding = exclude >= 0 && exclude < size;
        List<SearchResult<Row, Float>> found = graph.findNearest(CosineIndex.normalised(query), k + (excluding ? 1 : 0));
        List<Neighbour> out = new ArrayList<>(k);
        for (SearchResult<Row, Float> r : found) {
            if (out.size() == k) {
                break;
            }
            if (r.item().id() != exclude) {
                out.add(new Neighbour(r.item().id(), 1 - r.distance()));
            }
        }
        return out;
    }
}
