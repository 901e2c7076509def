package dev.loupe.engine.training;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadTrainerTest {

    private final LabelledFeatures train = Blobs.make(3, 40, 16, 0.5, 1);
    private final LabelledFeatures validation = Blobs.make(3, 15, 16, 0.5, 2);
    private final TrainingConfig config = TrainingConfig.defaults().withEpochs(60);

    @Test
    void learnsSeparableClassesAndReportsEveryEpoch() {
        RecordingMonitor monitor = new RecordingMonitor();
        TrainedHead head = new HeadTrainer().train(train, validation, 3, config, monitor);
        assertThat(head.best().validationAccuracy()).isGreaterThan(0.95);
        assertThat(head.history()).hasSize(monitor.epochs.size());
        assertThat(monitor.epochs.get(0).epoch()).isEqualTo(1);
        assertThat(head.history().get(head.history().size() - 1).trainLoss())
                .isLessThan(head.history().get(0).trainLoss());
    }

    @Test
    void sameSeedSameRunAndAnotherSeedAnotherRun() {
        TrainedHead a = new HeadTrainer().train(train, validation, 3, config.withEpochs(5), JobMonitor.silent());
        TrainedHead b = new HeadTrainer().train(train, validation, 3, config.withEpochs(5), JobMonitor.silent());
        TrainedHead c = new HeadTrainer().train(train, validation, 3, config.withEpochs(5).withSeed(7),
                JobMonitor.silent());
        assertThat(b.history()).isEqualTo(a.history());
        assertThat(c.history()).isNotEqualTo(a.history());
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        LabelledFeatures noisyTrain = Blobs.make(3, 10, 64, 6.0, 3);
        LabelledFeatures noisyValidation = Blobs.make(3, 10, 64, 6.0, 4);
        // A hidden layer: softmax regression is fitted to convergence instead (SoftmaxRegression).
        TrainingConfig c = new TrainingConfig("x", 300, 0.01, 16, 0, 0, 20, 1, 5, 8, false, 0);
        TrainedHead head = new HeadTrainer().train(noisyTrain, noisyValidation, 3, c, JobMonitor.silent());
        assertThat(head.history().size()).isLessThan(300);
        assertThat(head.history().size() - head.bestEpoch()).isEqualTo(5);
        double bestLoss = head.history().stream().mapToDouble(EpochMetrics::validationLoss).min().orElseThrow();
        assertThat(head.best().validationLoss()).isEqualTo(bestLoss);
    }

    @Test
    void cancelStopsAtTheNextEpoch() {
        RecordingMonitor monitor = new RecordingMonitor();
        monitor.cancelAfter = 3;
        assertThatThrownBy(() -> new HeadTrainer().train(train, validation, 3, config, monitor))
                .isInstanceOf(CancelledException.class);
        assertThat(monitor.epochs).hasSize(3);
    }

    @Test
    void withoutValidationItWatchesTheTrainingLoss() {
        TrainedHead head = new HeadTrainer().train(train, new LabelledFeatures(new float[0][], new int[0]), 3,
                config.withEpochs(10), JobMonitor.silent());
        assertThat(head.best().hasValidation()).isFalse();
        assertThat(head.temperature()).isEqualTo(1.0);
    }

    /** Records epochs; can ask to cancel after a number of them. */
    static final class RecordingMonitor implements JobMonitor {
        final List<EpochMetrics> epochs = new ArrayList<>();
        int cancelAfter = Integer.MAX_VALUE;

        @Override public void stage(String name) { }
        @Override public void progress(long done, long total) { }
        @Override public void status(String message) { }
        @Override public void warning(String message) { }
        @Override public void partial(Partial record) { epochs.add((EpochMetrics) record); }
        @Override public boolean isCancelled() { return epochs.size() >= cancelAfter; }
    }
}
