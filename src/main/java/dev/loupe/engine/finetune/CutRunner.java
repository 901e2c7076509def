package dev.loupe.engine.finetune;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.image.Augmentation;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.onnx.OnnxExporter;
import dev.loupe.engine.util.DiskFull;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the frozen part of a backbone (below {@link BackboneTop#cut()}) with ONNX Runtime and writes the maps of a list
 * of images, in order, to a {@link CutActivations} file. One caller per thread, each decoding its own batch and
 * running it on one ONNX Runtime thread, as the feature extraction does.
 */
public final class CutRunner implements AutoCloseable {

    /** Images a call runs: small, as MobileNet's extraction is fastest at 1-8 on 2 cores (docs/benchmarks.md). */
    static final int BATCH = 8;

    private final BackboneTop top;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public CutRunner(BackboneTop top) throws BackboneException {
        this.top = top;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            session = env.createSession(top.bottomOnnx(), options);
        } catch (OrtException e) {
            throw new BackboneException("ONNX Runtime could not open the frozen part of " + top.backbone().id()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The cut maps of {@code images} prepared images (NCHW, as {@link ImagePreparer} writes them). */
    public float[] run(float[] pixels, int images) throws OrtException {
        InputSpec spec = spec();
        long[] shape = {images, 3, spec.height(), spec.width()};
        FloatBuffer in = FloatBuffer.wrap(pixels, 0, images * spec.valuesPerImage());
        try (OnnxTensor input = OnnxTensor.createTensor(env, in, shape);
             OrtSession.Result out = session.run(Map.of(OnnxExporter.INPUT, input))) {
            FloatBuffer maps = ((OnnxTensor) out.get(0)).getFloatBuffer();
            float[] values = new float[maps.remaining()];
            maps.get(values);
            return values;
        }
    }

    /** Decodes, runs and writes {@code files} to {@code target} in order, on {@code threads} threads. */
    public void extract(List<Path> files, Path target, int threads) throws IOException, BackboneException {
        extract(files, target, threads, JobMonitor.silent());
    }

    /**
     * As {@link #extract(List, Path, int)}, reporting progress in images and stopping at the next batch when the
     * monitor is cancelled: the temporary file is then removed, so a cancelled run leaves no half-written cache.
     */
    public void extract(List<Path> files, Path target, int threads, JobMonitor monitor)
            throws IOException, BackboneException {
        extract(files, null, target, threads, monitor);
    }

    /**
     * As above, {@code keys} naming what each file stands for: its content hash, or an augmented variant's key
     * ({@link Augmentation#key}), whose maps are those of that variant, drawn as the feature cache draws it; null:
     * the photos as they are.
     */
    public void extract(List<Path> files, List<String> keys, Path target, int threads, JobMonitor monitor)
            throws IOException, BackboneException {
        if (keys != null && keys.size() != files.size()) {
            throw new IllegalArgumentException("files and keys differ in count");
        }
        long needed = CutActivations.HEADER + (long) files.size() * top.shape().values();
        if (DiskFull.freeBytes(target) < needed) {
            throw noRoom(target, files.size(), needed, null);  // before the backbone runs for minutes in vain
        }
        try {
            write(files, keys, target, threads, monitor);
        } catch (IOException e) {
            throw DiskFull.causedBy(target, e) ? noRoom(target, files.size(), needed, e) : e;
        }
    }

    private void write(List<Path> files, List<String> keys, Path target, int threads, JobMonitor monitor)
            throws IOException, BackboneException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Deque<Future<float[]>> pending = new ArrayDeque<>();
        int written = 0;
        try (CutActivations.Writer writer = new CutActivations.Writer(target, top.shape())) {
            for (int from = 0; from < files.size(); from += BATCH) {
                int to = Math.min(files.size(), from + BATCH);
                List<Path> batch = files.subList(from, to);
                List<String> batchKeys = keys == null ? null : keys.subList(from, to);
                pending.add(pool.submit(() -> runFiles(batch, batchKeys)));
                if (pending.size() >= 2 * threads) {
                    written += writeNext(pending, writer);
                    monitor.progress(written, files.size());
                    monitor.checkCancelled();
                }
            }
            while (!pending.isEmpty()) {
                written += writeNext(pending, writer);
                monitor.progress(written, files.size());
                monitor.checkCancelled();
            }
            writer.commit();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The file system's "No space left on device" names no file and no size; the user needs both. */
    private static IOException noRoom(Path target, int images, long needed, IOException cause) {
        return new IOException(String.format(Locale.ROOT, "There is no room for the cut maps of %,d photos (%.1f MB) "
                + "in %s: the disk has %.1f MB free. Free some space and try again.", images, needed / 1e6,
                target.toAbsolutePath().getParent(), DiskFull.freeBytes(target) / 1e6), cause);
    }

    private float[] runFiles(List<Path> batch, List<String> keys) throws ImageDecodeException, OrtException {
        int per = spec().valuesPerImage();
        float[] pixels = new float[batch.size() * per];
        for (int i = 0; i < batch.size(); i++) {
            String key = keys == null ? null : keys.get(i);
            if (key != null && Augmentation.isVariant(key)) {
                float[] variant = ImagePreparer.prepareVariant(batch.get(i), Augmentation.photoOf(key),
                        Augmentation.indexOf(key), Augmentation.colourOf(key), spec());
                System.arraycopy(variant, 0, pixels, i * per, per);
            } else {
                ImagePreparer.prepare(batch.get(i), spec(), pixels, i * per);
            }
        }
        return run(pixels, batch.size());
    }

    /** Writes the oldest batch; returns its images. */
    private int writeNext(Deque<Future<float[]>> pending, CutActivations.Writer writer)
            throws IOException, BackboneException {
        try {
            float[] maps = pending.poll().get();
            int images = maps.length / top.shape().values();
            writer.append(maps, images);
            return images;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new BackboneException("Could not compute the cut maps: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private InputSpec spec() {
        return top.backbone().inputSpec().withLayout(InputSpec.Layout.NCHW);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
