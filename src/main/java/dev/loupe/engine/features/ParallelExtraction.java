package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.jobs.JobMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Extraction on workers that each decode a batch of images and run the network on it, one worker per core. The
 * calling thread only hands out batches and passes results to the sink in input order.
 *
 * <p>Decoding and resizing a flower takes about twice the CPU that MobileNetV2 0.35 does, so a core kept for the
 * network alone would idle half the time. Four paired 3 s runs on the flowers, 2 cores: 318-420 images/s this way,
 * 312-357 with one decoder thread beside one network thread (docs/benchmarks.md, "Decoding").
 */
final class ParallelExtraction {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelExtraction.class);
    /** Batches queued per worker, so a worker never waits for the calling thread to hand out the next one. */
    private static final int BATCHES_AHEAD = 3;
    /** How long closing waits for a worker inside the network; its extractor must not be closed under it. */
    private static final long WORKER_GRACE_SECONDS = 60;

    private ParallelExtraction() {
    }

    static void run(int count, ExtractionPipeline.Preparer preparer, FeatureExtractor extractor, int workers,
                    JobMonitor monitor, ExtractionPipeline.Sink sink) throws Exception {
        int batch = extractor.batchSize();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "loupe-extract");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Object[]>> pending = new ArrayDeque<>();
        ThroughputMeter meter = new ThroughputMeter(count);
        try {
            int submitted = 0;
            int done = 0;
            while (done < count) {
                monitor.checkCancelled();
                while (submitted < count && pending.size() < workers * BATCHES_AHEAD) {
                    int from = submitted;
                    int to = Math.min(count, from + batch);
                    pending.add(pool.submit(() -> extractBatch(from, to, preparer, extractor)));
                    submitted = to;
                }
                Object[] results = ExtractionPipeline.await(pending.poll());
                for (Object result : results) {
                    int index = done++;
                    if (result instanceof float[] vector) {
                        sink.features(index, vector);
                    } else {
                        sink.failed(index, (String) result);
                    }
                }
                meter.report(done, monitor);
            }
        } finally {
            pool.shutdownNow();
            awaitWorkers(pool);
        }
    }

    /** Features ({@code float[]}) or the reason an image failed ({@code String}) for inputs {@code from..to-1}. */
    private static Object[] extractBatch(int from, int to, ExtractionPipeline.Preparer preparer,
                                         FeatureExtractor extractor) {
        InputSpec spec = extractor.inputSpec();
        int per = spec.valuesPerImage();
        Object[] results = new Object[to - from];
        float[] tensor = null;
        int[] slots = new int[to - from];
        int filled = 0;
        for (int i = 0; i < results.length; i++) {
            Object prepared = ExtractionPipeline.prepareOrReason(preparer, from + i, spec);
            if (prepared instanceof float[] pixels) {
                if (results.length == 1) {
                    tensor = pixels; // one image: the prepared pixels are already the tensor
                } else {
                    tensor = tensor == null ? new float[results.length * per] : tensor;
                    System.arraycopy(pixels, 0, tensor, filled * per, per);
                }
                slots[filled++] = i;
            } else {
                results[i] = prepared;
            }
        }
        if (filled > 0) {
            float[][] vectors = extractor.extract(tensor, filled);
            for (int k = 0; k < filled; k++) {
                results[slots[k]] = vectors[k];
            }
        }
        return results;
    }

    private static void awaitWorkers(ExecutorService pool) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WORKER_GRACE_SECONDS);
        while (!pool.isTerminated() && System.nanoTime() < deadline) {
            try {
                pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (!pool.isTerminated()) {
            LOG.warn("An extraction worker was still busy {} s after the extraction ended", WORKER_GRACE_SECONDS);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
