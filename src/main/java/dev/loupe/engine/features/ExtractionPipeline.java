package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes images on a pool while the calling thread runs the network on full batches. At most a few batches are
 * decoded ahead, so memory stays bounded whatever the number of images.
 *
 * <p>The cores are split between the two: half run the network ({@link #inferenceThreads()}), the rest decode. A
 * photo costs about as much CPU to decode and resize as MobileNet takes to run on it, and threads that outnumber the
 * cores only wait on each other: on 2 cores, one decoder and one inference thread ran the flowers at 340-394 images/s
 * where two of each ran at 187-348 (docs/benchmarks.md, "Decoding").
 */
public final class ExtractionPipeline {

    /** Receives results in input order. */
    public interface Sink {
        void features(int index, float[] vector) throws Exception;

        void failed(int index, String reason);
    }

    /** Turns input {@code index} into the backbone's floats; runs on the decode pool. */
    public interface Preparer {
        float[] prepare(int index, InputSpec spec) throws ImageDecodeException;
    }

    private static final int BATCHES_AHEAD = 3;

    private ExtractionPipeline() {
    }

    public static void run(List<Path> files, FeatureExtractor extractor, JobMonitor monitor, Sink sink)
            throws Exception {
        run(files.size(), (i, spec) -> ImagePreparer.prepare(files.get(i), spec), extractor, monitor, sink);
    }

    /** As above for {@code count} inputs that {@code preparer} produces (e.g. augmented variants of files). */
    public static void run(int count, Preparer preparer, FeatureExtractor extractor, JobMonitor monitor, Sink sink)
            throws Exception {
        InputSpec spec = extractor.inputSpec();
        if (count == 1) {
            // One photo dropped to classify: handing it to a new thread would only add latency.
            monitor.checkCancelled();
            Object prepared = prepareOrReason(preparer, 0, spec);
            if (prepared instanceof float[] pixels) {
                sink.features(0, extractor.extract(pixels, 1)[0]);
            } else {
                sink.failed(0, (String) prepared);
            }
            new ThroughputMeter(1).report(1, monitor);
            return;
        }
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
            int[] indices = new int[batch];
            int filled = 0;
            while (done < count) {
                monitor.checkCancelled();
                while (submitted < count && pending.size() < batch * BATCHES_AHEAD) {
                    int item = submitted++;
                    pending.add(pool.submit(() -> prepareOrReason(preparer, item, spec)));
                }
                Object prepared = await(pending.poll());
                int index = done++;
                if (prepared instanceof float[] pixels) {
                    System.arraycopy(pixels, 0, tensor, filled * spec.valuesPerImage(), pixels.length);
                    indices[filled++] = index;
                } else {
                    sink.failed(index, (String) prepared);
                }
                if (filled == batch || (done == count && filled > 0)) {
                    float[][] out = extractor.extract(tensor, filled);
                    for (int i = 0; i < filled; i++) {
                        sink.features(indices[i], out[i]);
                    }
                    filled = 0;
                    meter.report(done, monitor);
                }
            }
            meter.report(done, monitor);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Threads for the network: half the cores, at least one. */
    public static int inferenceThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Threads for decoding: the cores the network leaves, at least one. */
    static int decodeThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - inferenceThreads());
    }

    private static Object prepareOrReason(Preparer preparer, int index, InputSpec spec) {
        try {
            return preparer.prepare(index, spec);
        } catch (ImageDecodeException e) {
            return e.reason();
        } catch (OutOfMemoryError e) {
            return "too large to decode in the memory Loupe has";
        } catch (RuntimeException e) {
            return "could not be decoded (" + e + ")";
        }
    }

    private static Object await(Future<Object> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
