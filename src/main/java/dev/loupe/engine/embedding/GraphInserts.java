package dev.loupe.engine.embedding;

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
import java.util.function.IntFunction;

/**
 * Inserts rows into the graph on every core (the library's graph takes concurrent insertions); the job's own thread
 * reports progress and is the one that sees a cancel.
 */
final class GraphInserts {

    private GraphInserts() {
    }

    /** Inserts {@code code.apply(i)} as slot {@code slots[i]}, for every i; the codes are made on the workers too. */
    static void insert(HnswIndex<Integer, ReducedCode, CodeGraph.Slot, Float> graph, IntFunction<ReducedCode> code,
                       int[] slots, JobMonitor monitor) {
        int n = slots.length;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n && !stop.get(); i = next.getAndIncrement()) {
                graph.add(new CodeGraph.Slot(slots[i], code.apply(i)));
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
    }

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
}
