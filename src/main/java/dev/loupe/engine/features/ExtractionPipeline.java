package dev.loupe.engine.features;

import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Turns many images into features with every core busy, and hands the results to a {@link Sink} in input order. At
 * most a few batches are in flight, so memory stays bounded whatever the number of images.
 *
 * <p>With a runtime that takes one caller per core (ONNX Runtime), each core decodes a batch and runs the network on
 * it ({@link ParallelExtraction}): decoding a flower takes about twice as long as MobileNet runs on it, so no fixed
 * split of the cores between the two stages keeps both busy. Otherwise (DL4J, which spreads one run over the cores
 * itself) a pool decodes while the calling thread runs the network on full batches ({@link SplitExtraction}).
 */
public final class ExtractionPipeline {

    /** Receives results in input order. */
    public interface Sink {
        void features(int index, float[] vector) throws Exception;

        void failed(int index, String reason);
    }

    /** Turns input {@code index} into the backbone's floats; runs on the pipeline's worker threads. */
    public interface Preparer {
        float[] prepare(int index, InputSpec spec) throws ImageDecodeException;
    }

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
        int workers = Math.min(extractor.concurrentCallers(), Runtime.getRuntime().availableProcessors());
        if (workers > 1) {
            ParallelExtraction.run(count, preparer, extractor, workers, monitor, sink);
            return;
        }
        SplitExtraction.run(count, preparer, extractor, monitor, sink);
    }

    /** The prepared pixels ({@code float[]}), or why the input could not be prepared ({@code String}). */
    public static Object prepareOrReason(Preparer preparer, int index, InputSpec spec) {
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

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
