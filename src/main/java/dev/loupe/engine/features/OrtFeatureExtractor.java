package dev.loupe.engine.features;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.onnx.OnnxExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The fast runtime: a backbone exported to ONNX, run by ONNX Runtime (tens of times DL4J's speed on MobileNet,
 * see docs/benchmarks.md). Features match DL4J's within 1e-4 (tested on every bundled backbone).
 */
public final class OrtFeatureExtractor implements FeatureExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(OrtFeatureExtractor.class);
    private static final int[] BATCH_CANDIDATES = {8, 16};
    /**
     * Whether ONNX Runtime's idle threads spin waiting for work ("1", its default) or sleep ("0",
     * {@code -Dloupe.ort.spinning=0}). On a quiet 2-core machine spinning ran MobileNetV2 0.35 at 880-894 images/s
     * (batch 8) against 589-661 sleeping, with end to end from JPEG the same (125-154 images/s, decoding is the
     * limit); under heavy load from other processes sleeping did better. docs/benchmarks.md has the runs.
     */
    static final String SPINNING = System.getProperty("loupe.ort.spinning", "1");

    private final BackboneDescriptor descriptor;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int batchSize;
    private FloatBuffer input;

    private OrtFeatureExtractor(BackboneDescriptor descriptor, OrtEnvironment env, OrtSession session,
                                int batchSize) {
        this.descriptor = descriptor;
        this.env = env;
        this.session = session;
        this.batchSize = batchSize;
    }

    /**
     * Opens an exported backbone with the share of the cores {@link ExtractionPipeline} gives the network, measuring
     * the best batch size. One photo classified alone then also runs on fewer threads than there are cores: MobileNet
     * takes 1-2 ms of it, decoding the photo more.
     */
    public static OrtFeatureExtractor open(BackboneDescriptor d, byte[] model) throws BackboneException {
        return open(d, model, ExtractionPipeline.inferenceThreads());
    }

    public static OrtFeatureExtractor open(BackboneDescriptor d, byte[] model, int threads)
            throws BackboneException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", SPINNING);
            OrtSession session = env.createSession(model, options);
            OrtFeatureExtractor probe = new OrtFeatureExtractor(d, env, session, BATCH_CANDIDATES[0]);
            return new OrtFeatureExtractor(d, env, session, probe.fastestBatch());
        } catch (OrtException e) {
            throw new BackboneException("ONNX Runtime could not open backbone " + d.id() + ": " + e.getMessage()
                    + ". Try --runtime dl4j.", e);
        }
    }

    @Override
    public String backboneId() {
        return descriptor.id();
    }

    @Override
    public InputSpec inputSpec() {
        return descriptor.input().withLayout(InputSpec.Layout.NCHW);
    }

    @Override
    public int featureDim() {
        return descriptor.featureDim();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public float[][] extract(float[] pixels, int count) {
        InputSpec spec = inputSpec();
        long[] shape = {count, 3, spec.height(), spec.width()};
        FloatBuffer buffer = direct(count * spec.valuesPerImage());
        buffer.put(pixels, 0, count * spec.valuesPerImage()).flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, shape);
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on backbone " + descriptor.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The input in native memory, reused from call to call. Given a heap array, ONNX Runtime's Java binding allocates
     * and fills a new direct buffer on every run, which cost more than the network itself: MobileNetV2 0.35 ran at
     * 283 images/s that way and 640 with a reused direct buffer (one thread, batch 8; docs/benchmarks.md).
     */
    private FloatBuffer direct(int values) {
        if (input == null || input.capacity() < values) {
            input = ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        input.clear();
        return input;
    }

    /** Per-image time differs little between batch sizes here, but measuring costs ~0.1 s and adapts to the CPU. */
    private int fastestBatch() {
        int best = BATCH_CANDIDATES[0];
        double bestPerImage = Double.MAX_VALUE;
        for (int batch : BATCH_CANDIDATES) {
            float[] pixels = new float[batch * inputSpec().valuesPerImage()];
            extract(pixels, batch); // warm-up: the first run allocates
            long start = System.nanoTime();
            extract(pixels, batch);
            double perImage = (System.nanoTime() - start) / (double) batch;
            if (perImage < bestPerImage) {
                bestPerImage = perImage;
                best = batch;
            }
        }
        LOG.info("ONNX Runtime batch size for {}: {} ({} ms per image)", descriptor.id(), best,
                String.format(java.util.Locale.ROOT, "%.2f", bestPerImage / 1e6));
        return best;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Could not close the ONNX Runtime session of {}: {}", descriptor.id(), e.toString());
        }
    }
}
