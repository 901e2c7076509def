package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.image.Augmentation;
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
 * is, the cut maps cached and reused (augmented variants' too), a cancel leaving no half-written file, class weights.
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
    void aCancelDuringTheCutLeavesNoFileAndTheNextRunComputesItWholeRemovingAKilledRunsPart() throws Exception {
        Watcher cancelling = new Watcher(2);
        assertThatThrownBy(() -> tune(FineTuneSettings.defaults(7).withEpochs(1), cancelling))
                .isInstanceOf(CancelledException.class);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.toList()).as("no cut file, whole or half").isEmpty();
        }
        // What a run killed (kill -9) while computing the maps of other photos leaves: the next run removes it.
        Files.write(cache.resolve("cut-mobilenet-v1-0.25-1-train-0123456789abcdef.bin.part"), new byte[4096]);
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
    void aVariantsMapsAreThoseOfTheVariantAsTheFeatureCacheDrawsIt() throws Exception {
        Path photo = train.files().get(0);
        String hash = train.hashes().get(0);
        String key = Augmentation.key(hash, 1, false);
        BackboneTop top = BackboneTop.find(backbone, 1);
        Path file = cache.resolve("maps.bin");
        float[] variant;
        float[] asIs;
        try (CutRunner runner = new CutRunner(top)) {
            runner.extract(List.of(photo, photo), List.of(hash, key), file, 1, JobMonitor.silent());
            InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
            variant = runner.run(ImagePreparer.prepareVariant(photo, hash, 1, false, spec), 1);
            asIs = runner.run(ImagePreparer.prepare(photo, spec), 1);
        }
        try (CutActivations.Reader maps = new CutActivations.Reader(file)) {
            assertThat(maps.count()).isEqualTo(2);
            float[] row = new float[maps.shape().values()];
            float step = maps.shape().max() / 255; // one byte a value
            maps.read(0, row, 0);
            assertThat(maxDifference(row, asIs)).isLessThanOrEqualTo(step);
            maps.read(1, row, 0);
            assertThat(maxDifference(row, variant)).isLessThanOrEqualTo(step);
            assertThat(maxDifference(row, asIs)).as("a variant is not its photo").isGreaterThan(10 * step);
        }
    }

    @Test
    void theTopTrainsOnThePhotosAndTheirVariantsEachRunThroughTheFrozenPartOnce() throws Exception {
        List<Path> files = new ArrayList<>(train.files());
        List<String> keys = new ArrayList<>(train.hashes());
        List<Integer> y = new ArrayList<>();
        for (int label : train.y()) {
            y.add(label);
        }
        for (int i = 0; i < 10; i++) {
            files.add(train.files().get(i));
            keys.add(Augmentation.key(train.hashes().get(i), 0, false));
            y.add(train.y()[i]);
        }
        FineTuner.Photos withVariants = new FineTuner.Photos(files, keys, y.stream().mapToInt(Integer::intValue)
                .toArray());
        StartHead start = StartHead.of(head, TrainingConfig.defaults().withHead(new HeadSetting(0, 0, 1e-2, 3e-3),
                false), trainFeatures, validationFeatures, CLASSES, JobMonitor.silent());
        Watcher watcher = new Watcher(Integer.MAX_VALUE);
        FineTuner.Result r = new FineTuner().tune(BackboneTop.find(backbone, 1), withVariants, validation, CLASSES,
                start, FineTuneSettings.defaults(7).withEpochs(1), cache, watcher);
        assertThat(r.history()).hasSize(1);
        try (Stream<Path> list = Files.list(cache)) {
            Path trainMaps = list.filter(f -> f.getFileName().toString().contains("-train-")).findFirst().orElseThrow();
            try (CutActivations.Reader maps = new CutActivations.Reader(trainMaps)) {
                assertThat(maps.count()).isEqualTo(train.size() + 10);
            }
        }
        Watcher again = new Watcher(Integer.MAX_VALUE);
        new FineTuner().tune(BackboneTop.find(backbone, 1), withVariants, validation, CLASSES, start,
                FineTuneSettings.defaults(7).withEpochs(1), cache, again);
        assertThat(again.stages).as("photos and variants read back").doesNotContain(FineTuner.CUT_STAGE);
    }

    @Test
    void classWeightsLeanTheTopTowardsARareClassAsTheyDoTheHead() throws Exception {
        // Tulips (class 4) kept to 4 training photos: weighed, each counts about 6 times a common photo.
        List<Path> files = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        int tulips = 0;
        for (int i = 0; i < train.size(); i++) {
            if (train.y()[i] == 4 && ++tulips > 4) {
                continue;
            }
            files.add(train.files().get(i));
            keys.add(train.hashes().get(i));
            y.add(train.y()[i]);
        }
        FineTuner.Photos rare = new FineTuner.Photos(files, keys, y.stream().mapToInt(Integer::intValue).toArray());
        StartHead start = StartHead.of(head, TrainingConfig.defaults().withHead(new HeadSetting(0, 0, 1e-2, 3e-3),
                false), trainFeatures, validationFeatures, CLASSES, JobMonitor.silent());
        double[] tulipShare = new double[2];
        for (int weigh = 0; weigh < 2; weigh++) {
            FineTuneSettings s = new FineTuneSettings(2, 3e-3, 0.1, 1e-4, 64, 2, 7, weigh == 1);
            FineTuner.Result r = new FineTuner().tune(BackboneTop.find(backbone, 1), rare, validation, CLASSES,
                    start, s, cache, new Watcher(Integer.MAX_VALUE));
            for (float[] p : r.validation()) {
                tulipShare[weigh] += p[4] / r.validation().length;
            }
        }
        assertThat(tulipShare[1]).as("mean probability of tulips, weighed against not")
                .isGreaterThan(tulipShare[0] * 1.05);
    }

    private static float maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
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
