package dev.loupe.testing;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in backbone for fast engine tests: the features are the mean of each channel over an 8x8 input, so
 * images of different colours are separable. Counts how often it is opened and how many images it ran, and how many
 * calls ran at once. Like ONNX Runtime on 2 cores it takes two callers at once unless told otherwise.
 */
public final class FakeExtractor implements FeatureExtractor {

    public static final InputSpec SPEC = new InputSpec(8, 8, InputSpec.ChannelOrder.RGB,
            InputSpec.Scaling.ZERO_TO_ONE, InputSpec.Layout.NCHW, 1);
    public static final BackboneDescriptor DESCRIPTOR = new BackboneDescriptor("fake", "Fake", "test", List.of(),
            SPEC, "mean", 3, 0, 0, "none", "test", BackboneState.BUNDLED);

    public final AtomicInteger opened = new AtomicInteger();
    public final AtomicInteger images = new AtomicInteger();
    /** The most calls to {@link #extract} seen running at the same time. */
    public final AtomicInteger mostAtOnce = new AtomicInteger();
    public final AtomicInteger running = new AtomicInteger();
    private final int callers;
    private volatile long millisPerCall;

    public FakeExtractor() {
        this(2);
    }

    public FakeExtractor(int callers) {
        this.callers = callers;
    }

    /**
     * Makes each call take this long, as a real network does, so that calls can overlap. Like ONNX Runtime's native
     * run, the wait does not end early when the thread is interrupted.
     */
    public FakeExtractor slowed(long millis) {
        millisPerCall = millis;
        return this;
    }

    /** A factory that hands out this extractor and counts the calls. */
    public ExtractorFactory factory() {
        return d -> {
            opened.incrementAndGet();
            return this;
        };
    }

    @Override public String backboneId() { return "fake"; }
    @Override public InputSpec inputSpec() { return SPEC; }
    @Override public int featureDim() { return 3; }
    @Override public int batchSize() { return 4; }
    @Override public int concurrentCallers() { return callers; }

    @Override
    public float[][] extract(float[] pixels, int count) {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            long end = System.nanoTime() + millisPerCall * 1_000_000;
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(end - System.nanoTime());
            }
            return means(pixels, count);
        } finally {
            running.decrementAndGet();
        }
    }

    private float[][] means(float[] pixels, int count) {
        int plane = SPEC.width() * SPEC.height();
        float[][] out = new float[count][3];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int p = 0; p < plane; p++) {
                    sum += pixels[i * 3 * plane + c * plane + p];
                }
                out[i][c] = (float) (sum / plane);
            }
        }
        images.addAndGet(count);
        return out;
    }

    @Override
    public void close() {
    }
}
