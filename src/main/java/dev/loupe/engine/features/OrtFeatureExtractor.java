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
     * ONNX Runtime's idle threads spin waiting for work by default; here they sleep ("0"), because while a batch waits
     * for decoded images a spinning thread burns the core a decoder needs (end to end 38 -> 64 and 21 -> 43 images/s
     * in paired runs, docs/benchmarks.md). {@code -Dloupe.ort.spinning=1} restores ONNX Runtime's default.
     */
    static final String SPINNING = System.getProperty("loupe.ort.spinning", "0");

    private final BackboneDescriptor descriptor;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int batchSize;

    private OrtFeatureExtractor(BackboneDescriptor descriptor, OrtEnvironment env, OrtSession session,
                                int batchSize) {
        this.descriptor = descriptor;
        this.env = env;
        this.session = session;
        this.batchSize = batchSize;
    }

    /** Opens an exported backbone, using every core for each inference and measuring the best batch size. */
    public static OrtFeatureExtractor open(BackboneDescriptor d, byte[] model) throws BackboneException {
        return open(d, model, Runtime.getRuntime().availableProcessors());
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
        FloatBuffer buffer = FloatBuffer.wrap(pixels, 0, count * spec.valuesPerImage());
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, shape);
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on backbone " + descriptor.id() + ": "
                    + e.getMessage(), e);
        }
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
