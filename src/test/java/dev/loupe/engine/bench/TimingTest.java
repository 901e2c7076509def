package dev.loupe.engine.bench;

import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.testing.FakeExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimingTest {

    private static final float[] IMAGE = new float[FakeExtractor.SPEC.valuesPerImage()];

    @Test
    void inferenceRunsFromAsManyCallersAsTheExtractorTakesAndStopsAtTheImageLimit() throws Exception {
        FakeExtractor fake = new FakeExtractor(2).slowed(2);
        double rate = Timing.inferenceRate(fake, IMAGE, 4, 60_000, 40);
        assertThat(rate).isPositive();
        assertThat(fake.mostAtOnce).as("both callers ran at once").hasValue(2);
        // 2 warm-up calls of 4, then at most 40 images (a caller may pass the check just before the other adds).
        assertThat(fake.images.get()).isBetween(8 + 36, 8 + 44);
    }

    @Test
    @Timeout(10)
    void aCallerThatFailsIsReportedAndTheOthersDoNotWaitForIt() {
        FakeExtractor fake = new FakeExtractor(2);
        FeatureExtractor failing = new FeatureExtractor() {
            private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            @Override public String backboneId() { return "failing"; }
            @Override public dev.loupe.engine.backbone.InputSpec inputSpec() { return fake.inputSpec(); }
            @Override public int featureDim() { return 3; }
            @Override public int batchSize() { return 1; }
            @Override public int concurrentCallers() { return 2; }
            @Override public void close() { }

            @Override
            public float[][] extract(float[] pixels, int count) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("the network failed");
                }
                return fake.extract(pixels, count);
            }
        };
        assertThatThrownBy(() -> Timing.inferenceRate(failing, IMAGE, 1, 100, Integer.MAX_VALUE))
                .hasMessage("the network failed");
    }
}
