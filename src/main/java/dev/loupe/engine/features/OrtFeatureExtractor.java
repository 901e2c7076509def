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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The fast runtime: a backbone exported to ONNX, run by ONNX Runtime (tens of times DL4J's speed on MobileNet,
 * see docs/benchmarks.md). Features match DL4J's within 1e-4 (tested on every bundled backbone).
 *
 * <p>Each call runs on the calling thread alone, and one caller per core may run at once (ONNX Runtime's sessions
 * take concurrent runs). A network as small as MobileNetV2 0.35 splits badly over cores within one run. On 2 cores,
 * at batch 1, one run on two threads gave 657-725 images/s and two one-thread runs side by side 1,450-1,484; at batch
 * 8, 774-906 against 1,081-1,235 (docs/benchmarks.md).
 */
public final class OrtFeatureExtractor implements FeatureExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(OrtFeatureExtractor.class);
    private static final int[] BATCH_CANDIDATES = {1, 8};
    /**
     * A GPU wants many images per run; 64 is a middle value until the GPU check (src/scripts/gpu-check.sh) has
     * measured 32, 128 and 512 on a real card. {@code -Dloupe.cuda.batch=N} overrides it.
     */
    private static final int CUDA_BATCH = Integer.getInteger("loupe.cuda.batch", 64);
    /** Images run per candidate when measuring the batch size: enough that one stall does not decide it. */
    private static final int PROBE_IMAGES = 16;
    private static final Set<String> FEATURES_AND_MAPS = Set.of(OnnxExporter.FEATURES, OnnxExporter.FEATURE_MAPS);

    private final BackboneDescriptor descriptor;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int batchSize;
    private final int callers;
    private final Device device;
    private final String fallback;
    private final Optional<String> noFeatureMaps;
    /**
     * The outputs {@link #extract} fetches and joins into each image's vector, in order: a backbone's {@code features}
     * (its feature maps stay inside ONNX Runtime), then the stock features where the export has them too
     * ({@link OnnxExporter#withStock}); or the only output of a graph that has no such name, such as a whole
     * classifier's probabilities; or those named by {@link #joining}. One run gives them all, so a second output costs
     * what reading it out does, not a second run.
     */
    private final List<String> vectorOutputs;
    /** Native input buffers, one per caller in flight, reused from call to call. */
    private final Queue<FloatBuffer> inputs = new ConcurrentLinkedQueue<>();

    private OrtFeatureExtractor(BackboneDescriptor descriptor, OrtEnvironment env, OrtSession session,
                                int batchSize, int callers, Device device, String fallback) {
        this(descriptor, env, session, batchSize, callers, device, fallback, defaultOutputs(session.getOutputNames()));
    }

    private OrtFeatureExtractor(BackboneDescriptor descriptor, OrtEnvironment env, OrtSession session,
                                int batchSize, int callers, Device device, String fallback, List<String> outputs) {
        this.vectorOutputs = List.copyOf(outputs);
        this.descriptor = descriptor;
        this.env = env;
        this.session = session;
        this.batchSize = batchSize;
        this.callers = callers;
        this.device = device;
        this.fallback = fallback;
        this.noFeatureMaps = noFeatureMaps(descriptor, session);
    }

    private static List<String> defaultOutputs(Set<String> names) {
        if (names.contains(OnnxExporter.STOCK_FEATURES)) {
            return List.of(OnnxExporter.FEATURES, OnnxExporter.STOCK_FEATURES);
        }
        return List.of(names.contains(OnnxExporter.FEATURES) ? OnnxExporter.FEATURES : names.iterator().next());
    }

    /** Opens an exported backbone for one caller per core, measuring the best batch size. */
    public static OrtFeatureExtractor open(BackboneDescriptor d, byte[] model) throws BackboneException {
        return open(d, model, Runtime.getRuntime().availableProcessors());
    }

    /** As above for at most {@code callers} threads at once. */
    public static OrtFeatureExtractor open(BackboneDescriptor d, byte[] model, int callers)
            throws BackboneException {
        return open(d, model, callers, Device.CPU);
    }

    /** As above on {@code device}, or on the CPU where that is CUDA and CUDA cannot be had (said in the log). */
    public static OrtFeatureExtractor open(BackboneDescriptor d, byte[] model, int callers, Device device)
            throws BackboneException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            OrtSessions.Opened opened = OrtSessions.open(env, model, device);
            int n = Math.max(1, callers);
            if (opened.device() == Device.CUDA) {
                return new OrtFeatureExtractor(d, env, opened.session(), CUDA_BATCH, n, Device.CUDA, null);
            }
            OrtFeatureExtractor probe = new OrtFeatureExtractor(d, env, opened.session(), BATCH_CANDIDATES[0], 1,
                    Device.CPU, null);
            return new OrtFeatureExtractor(d, env, opened.session(), probe.fastestBatch(), n, Device.CPU,
                    opened.fallback());
        } catch (OrtException e) {
            throw new BackboneException("ONNX Runtime could not open backbone " + d.id() + ": " + e.getMessage()
                    + ". Try --runtime dl4j.", e);
        }
    }

    /**
     * The same session giving each image's outputs {@code outputs} joined into one vector, each flattened (NCHW maps
     * channel after channel), in the order named: e.g. the features then the maps at a fine-tuning cut. The vectors
     * are then longer than {@link #featureDim()}; closing either closes the session.
     */
    public OrtFeatureExtractor joining(List<String> outputs) {
        if (!session.getOutputNames().containsAll(outputs)) {
            throw new IllegalArgumentException("the model has outputs " + session.getOutputNames() + ", not " + outputs);
        }
        return new OrtFeatureExtractor(descriptor, env, session, batchSize, callers, device, fallback, outputs);
    }

    @Override
    public String backboneId() {
        return descriptor.id();
    }

    @Override
    public InputSpec inputSpec() {
        return descriptor.input().withLayout(InputSpec.Layout.NCHW);
    }

    /** The backbone's, or twice that for an export with the stock features beside the fine-tuned ones. */
    @Override
    public int featureDim() {
        return descriptor.featureDim() * (vectorOutputs.contains(OnnxExporter.STOCK_FEATURES) ? 2 : 1);
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int concurrentCallers() {
        return callers;
    }

    /** Where the network really runs: CUDA only when it was asked for and could be had. */
    public Device device() {
        return device;
    }

    /** Why the network runs on the CPU although CUDA was asked for, in one sentence; null when it was not. */
    public String fallback() {
        return fallback;
    }

    @Override
    public float[][] extract(float[] pixels, int count) {
        InputSpec spec = inputSpec();
        long[] shape = {count, 3, spec.height(), spec.width()};
        FloatBuffer buffer = borrowInput(count * spec.valuesPerImage());
        buffer.put(pixels, 0, count * spec.valuesPerImage()).flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, shape)) {
            return vectorOutputs.size() == 1 ? single(input) : joined(input, count);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on backbone " + descriptor.id() + ": "
                    + e.getMessage(), e);
        } finally {
            inputs.offer(buffer);
        }
    }

    private float[][] single(OnnxTensor input) throws OrtException {
        String output = vectorOutputs.get(0);
        try (OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input), Set.of(output))) {
            return (float[][]) result.get(output).orElseThrow().getValue();
        }
    }

    private float[][] joined(OnnxTensor input, int count) throws OrtException {
        try (OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input), Set.copyOf(vectorOutputs))) {
            FloatBuffer[] outputs = new FloatBuffer[vectorOutputs.size()];
            int[] per = new int[vectorOutputs.size()];
            int length = 0;
            for (int o = 0; o < outputs.length; o++) {
                outputs[o] = ((OnnxTensor) result.get(vectorOutputs.get(o)).orElseThrow()).getFloatBuffer();
                per[o] = outputs[o].remaining() / count;
                length += per[o];
            }
            float[][] vectors = new float[count][length];
            for (int i = 0; i < count; i++) {
                int at = 0;
                for (int o = 0; o < outputs.length; o++) {
                    outputs[o].get(vectors[i], at, per[o]);
                    at += per[o];
                }
            }
            return vectors;
        }
    }

    @Override
    public Optional<String> noFeatureMaps() {
        return noFeatureMaps;
    }

    @Override
    public FeatureMaps extractMaps(float[] pixels) {
        if (noFeatureMaps.isPresent()) {
            throw new UnsupportedOperationException(noFeatureMaps.get());
        }
        InputSpec spec = inputSpec();
        FloatBuffer buffer = borrowInput(spec.valuesPerImage());
        buffer.put(pixels, 0, spec.valuesPerImage()).flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[]{1, 3, spec.height(), spec.width()});
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input), FEATURES_AND_MAPS)) {
            OnnxTensor maps = (OnnxTensor) result.get(OnnxExporter.FEATURE_MAPS).orElseThrow();
            long[] shape = maps.getInfo().getShape();
            float[] values = new float[(int) (shape[1] * shape[2] * shape[3])];
            maps.getFloatBuffer().get(values);
            float[] features = ((float[][]) result.get(OnnxExporter.FEATURES).orElseThrow().getValue())[0];
            return new FeatureMaps((int) shape[1], (int) shape[2], (int) shape[3], values, features);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on backbone " + descriptor.id() + ": "
                    + e.getMessage(), e);
        } finally {
            inputs.offer(buffer);
        }
    }

    /** Empty when the export has the maps as an output, else the exporter's reason, kept in the model's metadata. */
    private static Optional<String> noFeatureMaps(BackboneDescriptor d, OrtSession session) {
        if (session.getOutputNames().contains(OnnxExporter.FEATURE_MAPS)) {
            return Optional.empty();
        }
        try {
            return Optional.of("Backbone " + d.id() + " has no feature maps to show: " + session.getMetadata()
                    .getCustomMetadataValue(OnnxExporter.NO_FEATURE_MAPS).orElse("its export has none."));
        } catch (OrtException e) {
            return Optional.of("Backbone " + d.id() + " has no feature maps to show.");
        }
    }

    /**
     * An input buffer in native memory, reused from call to call. Given a heap array, ONNX Runtime's Java binding
     * allocates and fills a new direct buffer on every run, which cost more than the network itself: MobileNetV2 0.35
     * ran at 283 images/s that way and 640 with a reused direct buffer (one thread, batch 8; docs/benchmarks.md).
     */
    private FloatBuffer borrowInput(int values) {
        FloatBuffer buffer = inputs.poll();
        if (buffer == null || buffer.capacity() < values) {
            buffer = ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        buffer.clear();
        return buffer;
    }

    /**
     * Batch 1 ran fastest per image on MobileNetV2 0.35 here (its activations stay in the core's cache), but the best
     * size depends on the network and the CPU, and measuring costs a few dozen images.
     */
    private int fastestBatch() {
        int best = BATCH_CANDIDATES[0];
        double bestPerImage = Double.MAX_VALUE;
        for (int batch : BATCH_CANDIDATES) {
            float[] pixels = new float[batch * inputSpec().valuesPerImage()];
            extract(pixels, batch); // warm-up: the first run allocates
            long start = System.nanoTime();
            for (int run = 0; run < PROBE_IMAGES / batch; run++) {
                extract(pixels, batch);
            }
            double perImage = (System.nanoTime() - start) / (double) (PROBE_IMAGES / batch * batch);
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
