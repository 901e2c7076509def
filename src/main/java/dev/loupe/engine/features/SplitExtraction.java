package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Extraction for a runtime that takes one caller and spreads each run over the cores itself (DL4J): a pool decodes
 * while the calling thread runs the network on full batches.
 */
final class SplitExtraction {

    /** Batches decoded ahead of the network, so it never waits for a decoder that is merely a little behind. */
    private static final int BATCHES_AHEAD = 3;

    private SplitExtraction() {
    }

    static void run(int count, ExtractionPipeline.Preparer preparer, FeatureExtractor extractor, JobMonitor monitor,
                    ExtractionPipeline.Sink sink) throws Exception {
        InputSpec spec = extractor.inputSpec();
        int batch = extractor.batchSize();
        ExecutorService pool = Executors.newFixedThreadPool(decodeThreads(), r -> {
            Thread t = new Thread(r, "loupe-decode");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Object>> pending = new ArrayDeque<>();
        ThroughputMeter meter = new ThroughputMeter(count);
        try {
            int submitted = 0;
            int done = 0;
            float[] tensor = new float[batch * spec.valuesPerImage()];
            int filled = 0;
            // Answers since the last run of the network, in input order: a reason, or null for an image in the tensor.
            List<String> held = new ArrayList<>();
            while (done < count) {
                monitor.checkCancelled();
                while (submitted < count && pending.size() < batch * BATCHES_AHEAD) {
                    int item = submitted++;
                    pending.add(pool.submit(() -> ExtractionPipeline.prepareOrReason(preparer, item, spec)));
                }
                Object prepared = ExtractionPipeline.await(pending.poll());
                done++;
                if (prepared instanceof float[] pixels) {
                    System.arraycopy(pixels, 0, tensor, filled++ * spec.valuesPerImage(), pixels.length);
                    held.add(null);
                } else if (held.isEmpty()) {
                    sink.failed(done - 1, (String) prepared);
                } else {
                    held.add((String) prepared);
                }
                if (filled == batch || (done == count && filled > 0)) {
                    deliver(extractor.extract(tensor, filled), held, done - held.size(), sink);
                    held.clear();
                    filled = 0;
                    meter.report(done, monitor);
                }
            }
            meter.report(done, monitor);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void deliver(float[][] vectors, List<String> held, int firstIndex, ExtractionPipeline.Sink sink)
            throws Exception {
        int next = 0;
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i) == null) {
                sink.features(firstIndex + i, vectors[next++]);
            } else {
                sink.failed(firstIndex + i, held.get(i));
            }
        }
    }

    /** Decoders beside a network that spreads itself over the cores: half the cores, at least one. */
    static int decodeThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
