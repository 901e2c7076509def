package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.Losses;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.Hashes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fine-tuning the last block of MobileNet v1 0.25 on the 200 real flower photos (every fifth photo of each class
 * held out): a curve point per epoch, the best epoch's weights kept, the top starting exactly where the linear head
 * is, the cut maps cached and reused, a cancel leaving no half-written file.
 */
class FineTunerTest {

    static final int CLASSES = 5;
    static Backbone backbone;
    static FineTuner.Photos train;
    static FineTuner.Photos validation;
    static LabelledFeatures trainFeatures;
    static LabelledFeatures validationFeatures;
    static TrainedHead head;

    @TempDir
    Path cache;

    @BeforeAll
    static void load() throws Exception {
        backbone = BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v1-0.25"));
        List<Path> trainFiles = new ArrayList<>();
        List<Path> validationFiles = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<Integer> validationY = new ArrayList<>();
        List<String> classes = List.of("daisy", "dandelion", "roses", "sunflowers", "tulips");
        for (int c = 0; c < CLASSES; c++) {
            try (Stream<Path> s = Files.list(Path.of("sample-datasets/flowers", classes.get(c)))) {
                List<Path> photos = s.sorted().toList();
                for (int i = 0; i < photos.size(); i++) {
                    (i % 5 == 0 ? validationFiles : trainFiles).add(photos.get(i));
                    (i % 5 == 0 ? validationY : trainY).add(c);
                }
            }
        }
        train = photos(trainFiles, trainY);
        validation = photos(validationFiles, validationY);
        trainFeatures = new LabelledFeatures(features(trainFiles), train.y());
        validationFeatures = new LabelledFeatures(features(validationFiles), validation.y());
        TrainingConfig softmax = TrainingConfig.defaults().withHead(new HeadSetting(0, 0, 1e-2, 3e-3), false);
        head = new HeadTrainer().train(trainFeatures, validationFeatures, CLASSES, softmax, JobMonitor.silent());
    }

    @Test
    void eachEpochIsReportedAndTheBestEpochsWeightsAreKept() throws Exception {
        Watcher watcher = new Watcher(Integer.MAX_VALUE);
        FineTuner.Result r = tune(FineTuneSettings.defaults(7).withEpochs(2), watcher);

        assertThat(r.history()).hasSize(2);
        assertThat(r.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(watcher.epochs).isEqualTo(r.history());
        EpochMetrics best = r.history().get(r.bestEpoch() - 1);
        assertThat(r.history()).allSatisfy(m -> assertThat(m.validationLoss()).isGreaterThanOrEqualTo(
                best.validationLoss()));
        // The probabilities handed back are the kept network's, and they score the best epoch's figures.
        assertThat(Losses.crossEntropy(r.validation(), validation.y())).isCloseTo(best.validationLoss(),
                org.assertj.core.data.Offset.offset(1e-5));
        assertThat(Losses.accuracy(r.validation(), validation.y())).isEqualTo(best.validationAccuracy());
        assertThat(watcher.stages).contains(FineTuner.CUT_STAGE, "Fine-tuning the last block");
    }

    @Test
    void beforeAnyStepTheTopScoresTheHeadsValidationAccuracy() throws Exception {
        float[][] p = head.network().output(Nd4j.create(head.scaler().apply(validationFeatures.x())), false)
                .toFloatMatrix();
        double headAccuracy = Losses.accuracy(p, validation.y());
        FineTuner.Result r = tune(FineTuneSettings.defaults(7).withEpochs(1), new Watcher(Integer.MAX_VALUE));
        assertThat(headAccuracy).isGreaterThan(0.5);
        assertThat(r.startAccuracy()).isEqualTo(headAccuracy);
    }

    @Test
    void aCancelDuringTheCutLeavesNoFileAndTheNextRunComputesItWhole() throws Exception {
        Watcher cancelling = new Watcher(2);
        assertThatThrownBy(() -> tune(FineTuneSettings.defaults(7).withEpochs(1), cancelling))
                .isInstanceOf(CancelledException.class);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.toList()).as("no cut file, whole or half").isEmpty();
        }
        Watcher again = new Watcher(Integer.MAX_VALUE);
        tune(FineTuneSettings.defaults(7).withEpochs(1), again);
        Watcher third = new Watcher(Integer.MAX_VALUE);
        tune(FineTuneSettings.defaults(7).withEpochs(1), third);
        assertThat(third.stages).as("the maps are read back, not computed again")
                .doesNotContain(FineTuner.CUT_STAGE);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).hasSize(2)
                    .allMatch(n -> n.startsWith("cut-mobilenet-v1-0.25-1-") && n.endsWith(".bin"));
        }
    }

    @Test
    void aCancelDuringTrainingStopsAtTheNextBatch() throws Exception {
        tune(FineTuneSettings.defaults(7).withEpochs(1), new Watcher(Integer.MAX_VALUE)); // maps cached
        Watcher cancelling = new Watcher(1);
        assertThatThrownBy(() -> tune(FineTuneSettings.defaults(7).withEpochs(3), cancelling))
                .isInstanceOf(CancelledException.class);
        assertThat(cancelling.epochs).isEmpty();
        assertThat(cancelling.progressCalls).isEqualTo(1);
    }

    @Test
    void aBackboneWithResidualsIsRefusedInOneSentence() throws Exception {
        // MobileNetV2's last block has no residual (its channels change), the one below it has: two blocks cannot be.
        Backbone v2 = BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v2-0.35"));
        assertThatThrownBy(() -> BackboneTop.find(v2, 2)).isInstanceOf(BackboneException.class)
                .hasMessageContaining("mobilenet-v2-0.35").hasMessageNotContaining("\n");
    }

    private FineTuner.Result tune(FineTuneSettings settings, Watcher watcher) throws Exception {
        StartHead start = StartHead.of(head, TrainingConfig.defaults().withHead(new HeadSetting(0, 0, 1e-2, 3e-3),
                false), trainFeatures, validationFeatures, CLASSES, JobMonitor.silent());
        return new FineTuner().tune(BackboneTop.find(backbone, 1), train, validation, CLASSES, start, settings,
                cache, watcher);
    }

    private static FineTuner.Photos photos(List<Path> files, List<Integer> y) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (Path f : files) {
            hashes.add(Hashes.sha256(f));
        }
        return new FineTuner.Photos(files, hashes, y.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The backbone's own pooled features (DL4J), as the feature cache holds them. */
    private static float[][] features(List<Path> files) throws Exception {
        InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
        float[][] out = new float[files.size()][];
        for (int from = 0; from < files.size(); from += 16) {
            int m = Math.min(16, files.size() - from);
            float[] pixels = new float[m * spec.valuesPerImage()];
            for (int i = 0; i < m; i++) {
                ImagePreparer.prepare(files.get(from + i), spec, pixels, i * spec.valuesPerImage());
            }
            float[][] f = backbone.graph().outputSingle(false, Nd4j.create(pixels,
                    new long[] {m, 3, spec.height(), spec.width()}, 'c')).toFloatMatrix();
            System.arraycopy(f, 0, out, from, m);
        }
        return out;
    }

    /** Records stages and epochs; cancels once {@code cancelAfter} progress reports have come. */
    private static final class Watcher implements JobMonitor {
        final List<String> stages = new CopyOnWriteArrayList<>();
        final List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();
        final int cancelAfter;
        volatile int progressCalls;

        Watcher(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override public void stage(String name) { stages.add(name); }
        @Override public void progress(long done, long total) { progressCalls++; }
        @Override public void status(String message) { }
        @Override public void warning(String message) { }
        @Override public boolean isCancelled() { return progressCalls >= cancelAfter; }

        @Override
        public void partial(Partial record) {
            if (record instanceof EpochMetrics m) {
                epochs.add(m);
            }
        }
    }
}
