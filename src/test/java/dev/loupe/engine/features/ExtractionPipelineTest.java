package dev.loupe.engine.features;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.FakeExtractor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipeline's promises: every input answered once, in input order, within the extractor's callers. */
class ExtractionPipelineTest {

    private static final int COUNT = 23; // not a multiple of the fake's batch of 4
    private static final List<Integer> BROKEN = List.of(3, 10, 11);

    @Test
    void workersOnBothCoresAnswerEveryInputInOrder() throws Exception {
        FakeExtractor fake = new FakeExtractor(2).slowed(15);
        List<String> answers = run(fake, JobMonitor.silent());
        assertThat(answers).containsExactlyElementsOf(expected());
        assertThat(fake.mostAtOnce).as("two workers ran the network side by side").hasValue(2);
    }

    @Test
    void aRuntimeThatTakesOneCallerIsNeverCalledTwiceAtOnce() throws Exception {
        FakeExtractor fake = new FakeExtractor(1).slowed(5);
        assertThat(run(fake, JobMonitor.silent())).containsExactlyElementsOf(expected());
        assertThat(fake.mostAtOnce).hasValue(1);
    }

    @Test
    void cancellingWaitsForTheNetworkSoItsExtractorCanBeClosed() {
        FakeExtractor fake = new FakeExtractor(2).slowed(30);
        AtomicBoolean cancelled = new AtomicBoolean();
        JobMonitor monitor = new Monitor(cancelled);
        List<String> answers = new ArrayList<>();
        assertThatThrownBy(() -> ExtractionPipeline.run(COUNT, ExtractionPipelineTest::prepare, fake, monitor,
                sink(answers, cancelled))).isInstanceOf(CancelledException.class);
        assertThat(fake.running).as("no call still inside the network").hasValue(0);
        assertThat(fake.images.get()).isLessThan(COUNT - BROKEN.size());
    }

    @Test
    void sharedLeasesKeepWithinTheCallersTheExtractorTakes() throws Exception {
        FakeExtractor fake = new FakeExtractor(2).slowed(10);
        KeptExtractors kept = new KeptExtractors(fake.factory());
        List<Thread> jobs = new ArrayList<>();
        List<List<String>> answers = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            FeatureExtractor lease = kept.open(FakeExtractor.DESCRIPTOR);
            List<String> mine = new ArrayList<>();
            answers.add(mine);
            Thread job = new Thread(() -> {
                try {
                    ExtractionPipeline.run(COUNT, ExtractionPipelineTest::prepare, lease, JobMonitor.silent(),
                            sink(mine, new AtomicBoolean()));
                } catch (Exception e) {
                    mine.add("error " + e);
                }
            });
            job.start();
            jobs.add(job);
        }
        for (Thread job : jobs) {
            job.join();
        }
        answers.forEach(a -> assertThat(a).containsExactlyElementsOf(expected()));
        assertThat(fake.mostAtOnce).as("three jobs of two workers share two callers").hasValue(2);
    }

    private static List<String> run(FakeExtractor fake, JobMonitor monitor) throws Exception {
        List<String> answers = new ArrayList<>();
        ExtractionPipeline.run(COUNT, ExtractionPipelineTest::prepare, fake, monitor,
                sink(answers, new AtomicBoolean()));
        return answers;
    }

    /** Input i is a flat image of value i / 100, so its features say which input they came from. */
    private static float[] prepare(int index, dev.loupe.engine.backbone.InputSpec spec)
            throws ImageDecodeException {
        if (BROKEN.contains(index)) {
            throw new ImageDecodeException(Path.of("photo" + index + ".jpg"), "is broken");
        }
        float[] pixels = new float[spec.valuesPerImage()];
        Arrays.fill(pixels, index / 100f);
        return pixels;
    }

    /** Records answers as "i: features" or "i: reason"; asks to cancel after the fifth answer. */
    private static ExtractionPipeline.Sink sink(List<String> answers, AtomicBoolean cancel) {
        return new ExtractionPipeline.Sink() {
            @Override
            public void features(int index, float[] vector) {
                answers.add(index + ": " + Math.round(vector[0] * 100));
                cancel.set(answers.size() >= 5);
            }

            @Override
            public void failed(int index, String reason) {
                answers.add(index + ": " + reason);
            }
        };
    }

    private static List<String> expected() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            expected.add(i + ": " + (BROKEN.contains(i) ? "is broken" : String.valueOf(i)));
        }
        return expected;
    }

    private record Monitor(AtomicBoolean cancelled) implements JobMonitor {
        @Override public void stage(String name) { }
        @Override public void progress(long done, long total) { }
        @Override public void status(String message) { }
        @Override public void warning(String message) { }
        @Override public void partial(Partial record) { }
        @Override public boolean isCancelled() { return cancelled.get(); }
    }
}
