package dev.loupe.engine.workflow;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainWorkflowTest {

    @TempDir Path root;
    @TempDir Path out;
    private final FakeExtractor fake = new FakeExtractor();
    // No variants: these runs count photos (the default's variants: AugmentedTrainingTest).
    private final TrainingConfig config = TrainingConfig.defaults().withBackbone("fake").withEpochs(80)
            .withAugmentations(0);

    private TrainWorkflow workflow() {
        return new TrainWorkflow(BackboneRegistryFixture.withFake(), fake.factory());
    }

    @Test
    void trainsSavesAndEvaluatesAModelOnADatasetFolder() throws Exception {
        TestImages.dataset(root, 12, Color.RED, Color.GREEN, Color.BLUE);
        TrainOutcome o = workflow().run(root, config, out.resolve("colours.loupe"), JobMonitor.silent());
        assertThat(o.extracted()).isEqualTo(36);
        assertThat(o.manifest().labels()).containsExactly("blue", "green", "red");
        assertThat(o.evaluation().accuracy()).isEqualTo(1.0);
        assertThat(o.evaluatedOn()).isEqualTo("validation");
        var manifest = ModelFiles.readManifest(out.resolve("colours.loupe"));
        assertThat(manifest.provenance().imagesPerClass()).containsEntry("red", 12);
        assertThat(manifest.provenance().metrics().trainImages() + manifest.provenance().metrics()
                .validationImages()).isEqualTo(36);
        // The defaults choose the head on held-out images (few here: folds of the training images) and say so.
        assertThat(o.headChoice()).isNotNull();
        assertThat(o.headChoice().method()).isEqualTo("3-fold cross-validation of the "
                + manifest.provenance().metrics().trainImages() + " training images");
        assertThat(manifest.provenance().config()).isEqualTo(config.withHead(o.headChoice().chosen(), true));
    }

    @Test
    void headSettingsAsGivenAreTrainedWithoutASearch() throws Exception {
        TestImages.dataset(root, 8, Color.RED, Color.GREEN);
        TrainingConfig given = config.withHead(config.head(), false);
        TrainOutcome o = workflow().run(root, given, out.resolve("given.loupe"), JobMonitor.silent());
        assertThat(o.headChoice()).isNull();
        assertThat(ModelFiles.readManifest(out.resolve("given.loupe")).provenance().config()).isEqualTo(given);
    }

    @Test
    void aSecondRunOnCachedFeaturesGivesTheSameModel() throws Exception {
        TestImages.dataset(root, 8, Color.RED, Color.GREEN);
        TrainOutcome first = workflow().run(root, config, out.resolve("a.loupe"), JobMonitor.silent());
        TrainOutcome second = workflow().run(root, config, out.resolve("b.loupe"), JobMonitor.silent());
        assertThat(second.cached()).isEqualTo(16);
        assertThat(second.history()).isEqualTo(first.history());
        assertThat(second.manifest().temperature()).isEqualTo(first.manifest().temperature());
    }

    @Test
    void emptyAndSingleImageClassesAreNamedInWarnings() throws Exception {
        TestImages.dataset(root, 6, Color.RED, Color.GREEN);
        Files.createDirectories(root.resolve("empty"));
        TestImages.png(root.resolve("lonely/one.png"), Color.BLUE, 32, 5);
        TrainOutcome o = workflow().run(root, config, out.resolve("m.loupe"), JobMonitor.silent());
        assertThat(o.manifest().labels()).containsExactly("green", "lonely", "red");
        assertThat(o.warnings()).anyMatch(w -> w.contains("'empty'") && w.contains("no usable image"))
                .anyMatch(w -> w.contains("'lonely'") && w.contains("single image"));
    }

    @Test
    void fewerThanTwoClassesIsAClearError() {
        TestImages.dataset(root, 3, Color.RED);
        assertThatThrownBy(() -> workflow().run(root, config, out.resolve("m.loupe"), JobMonitor.silent()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two classes");
        assertThat(out.resolve("m.loupe")).doesNotExist();
    }

    @Test
    void unknownBackboneNamesTheKnownOnes() {
        TestImages.dataset(root, 3, Color.RED, Color.BLUE);
        TrainWorkflow w = new TrainWorkflow(BackboneRegistry.bundled(), fake.factory());
        assertThatThrownBy(() -> w.run(root, config.withBackbone("nope"), out.resolve("m"), JobMonitor.silent()))
                .hasMessageContaining("Unknown backbone 'nope'").hasMessageContaining("mobilenet-v2-0.35");
    }
}
