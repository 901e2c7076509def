package dev.loupe.engine.workflow;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.image.Augmentation;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AugmentedTrainingTest {

    @TempDir Path root;
    @TempDir Path out;
    private final FakeExtractor fake = new FakeExtractor();
    private final TrainingConfig config = TrainingConfig.defaults().withBackbone("fake").withEpochs(40);

    private TrainOutcome train(TrainingConfig c, String name) throws Exception {
        return new TrainWorkflow(BackboneRegistryFixture.withFake(), fake.factory())
                .run(root, c, out.resolve(name), JobMonitor.silent());
    }

    private SplitFeatures split() throws Exception {
        try (Catalogue c = Catalogue.open(root)) {
            List<Sample> samples = new FeatureService(fake.factory()).features(new DatasetScanner().scan(root), c,
                    FakeExtractor.DESCRIPTOR, JobMonitor.silent()).samples();
            return SplitFeatures.of(samples, config.validationPercent());
        }
    }

    private int cachedVariants(List<Sample> samples, int k) throws Exception {
        try (Catalogue c = Catalogue.open(root)) {
            List<String> keys = samples.stream().map(s -> Augmentation.key(s.hash(), k, false)).toList();
            return c.features().get("fake", FakeExtractor.SPEC.preprocessingVersion(), keys).size();
        }
    }

    @Test
    void onlyTrainingImagesGetVariantsAndASecondRunExtractsNothing() throws Exception {
        TestImages.dataset(root, 10, Color.RED, Color.GREEN, Color.BLUE);
        TrainOutcome first = train(config.withAugmentations(2), "a.loupe");
        SplitFeatures split = split();
        assertThat(split.validation()).isNotEmpty();
        assertThat(first.extracted()).isEqualTo(30 + 2 * split.train().size());
        for (int k = 0; k < 2; k++) {
            assertThat(cachedVariants(split.train(), k)).isEqualTo(split.train().size());
            assertThat(cachedVariants(split.validation(), k)).isZero();
        }
        var metrics = ModelFiles.readManifest(out.resolve("a.loupe")).provenance().metrics();
        assertThat(metrics.trainImages()).isEqualTo(split.train().size());

        int ran = fake.images.get();
        TrainOutcome second = train(config.withAugmentations(2), "b.loupe");
        assertThat(second.extracted()).isZero();
        assertThat(second.cached()).isEqualTo(30 + 2 * split.train().size());
        assertThat(fake.images.get()).isEqualTo(ran);
        assertThat(second.history()).isEqualTo(first.history());

        // A larger K extracts only the new variants.
        TrainOutcome more = train(config.withAugmentations(3), "c.loupe");
        assertThat(more.extracted()).isEqualTo(split.train().size());

        // Colour changes asked for: other variants, extracted once, beside the plain ones.
        TrainOutcome colour = train(config.withAugmentations(2).withAugmentColour(true), "d.loupe");
        assertThat(colour.extracted()).isEqualTo(2 * split.train().size());
        assertThat(ModelFiles.readManifest(out.resolve("d.loupe")).provenance().config().augmentColour()).isTrue();
    }

    @Test
    void aVariantsFeaturesAreTheSameWhenExtractedAgain() throws Exception {
        TestImages.dataset(root, 4, Color.RED, Color.BLUE);
        SplitFeatures split = split();
        Sample s = split.train().get(0);
        float[] a = ImagePreparer.prepareVariant(s.image().file(), s.hash(), 1, false, FakeExtractor.SPEC);
        float[] b = ImagePreparer.prepareVariant(s.image().file(), s.hash(), 1, false, FakeExtractor.SPEC);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(ImagePreparer.prepareVariant(s.image().file(), s.hash(), 0, false, FakeExtractor.SPEC));
    }

    @Test
    void byDefaultASmallSplitGetsTwoVariantsAPhotoAndTheRunSaysWhetherTheSearchKeptThem() throws Exception {
        TestImages.dataset(root, 50, Color.RED, Color.GREEN, Color.BLUE); // a training split of at least AUTO_FROM
        assertThat(config.augmentations()).isEqualTo(TrainingConfig.AUTO_AUGMENTATIONS);
        TrainOutcome o = train(config, "a.loupe");
        SplitFeatures split = split();
        assertThat(split.train().size()).isBetween(TrainingConfig.AUTO_FROM, TrainingConfig.AUTO_BELOW - 1);
        assertThat(o.extracted()).isEqualTo(150 + TrainingConfig.AUTO_VARIANTS * split.train().size());
        assertThat(cachedVariants(split.train(), 1)).isEqualTo(split.train().size());
        // The search compared the chosen setting with and without them; the run records what it trained with.
        assertThat(o.headChoice().augmentation()).isPresent();
        assertThat(o.headChoice().reason()).contains("augmented variants " + (o.headChoice().variants() ? "kept"
                : "left out"));
        assertThat(o.config().augmentations()).isEqualTo(o.headChoice().variants() ? TrainingConfig.AUTO_VARIANTS : 0);
        var recorded = ModelFiles.readManifest(out.resolve("a.loupe")).provenance().config();
        assertThat(recorded.augmentations()).isEqualTo(o.config().augmentations());
    }

    @Test
    void autoMakesVariantsOnlyWhereTheSearchCanCompareThemOnASmallSplit() {
        TrainingConfig auto = TrainingConfig.defaults();
        assertThat(auto.augmentationsFor(TrainingConfig.AUTO_FROM - 1)).as("too few for the search to judge them")
                .isZero();
        assertThat(auto.augmentationsFor(TrainingConfig.AUTO_FROM)).isEqualTo(TrainingConfig.AUTO_VARIANTS);
        assertThat(auto.augmentationsFor(TrainingConfig.AUTO_BELOW - 1)).isEqualTo(TrainingConfig.AUTO_VARIANTS);
        assertThat(auto.augmentationsFor(TrainingConfig.AUTO_BELOW)).isZero();
        assertThat(auto.withHead(auto.head(), false).augmentationsFor(100)).as("nothing would check them").isZero();
        assertThat(auto.withAugmentations(3).augmentationsFor(100_000)).as("a count given is kept").isEqualTo(3);
        assertThat(auto.withAugmentations(0).augmentationsFor(100)).isZero();
    }

    @Test
    void withoutAugmentationNothingChanges() throws Exception {
        TestImages.dataset(root, 10, Color.RED, Color.GREEN, Color.BLUE);
        TrainOutcome o = train(config.withAugmentations(0), "a.loupe");
        assertThat(o.extracted()).isEqualTo(30);
        assertThat(fake.images.get()).isEqualTo(30);
        SplitFeatures split = split();
        assertThat(cachedVariants(split.train(), 0)).isZero();
        var metrics = ModelFiles.readManifest(out.resolve("a.loupe")).provenance().metrics();
        assertThat(metrics.trainImages()).isEqualTo(split.train().size());
        assertThat(metrics.validationImages()).isEqualTo(split.validation().size());
    }
}
