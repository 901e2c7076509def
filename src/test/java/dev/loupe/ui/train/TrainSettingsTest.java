package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainSettingsTest {

    @Test
    void augmentationsGoFromTheFormIntoTheConfigAndBack() {
        TrainSettings s = new TrainSettings(BackboneRegistry.standard());
        assertThat(s.augmentationsProperty().get()).isEqualTo(TrainingConfig.DEFAULT_AUGMENTATIONS);
        s.augmentationsProperty().set(4);
        TrainingConfig c = s.toConfig();
        assertThat(c.augmentations()).isEqualTo(4);

        s.load(TrainingConfig.defaults().withAugmentations(2));
        assertThat(s.augmentationsProperty().get()).isEqualTo(2);
        s.augmentationsProperty().set(TrainingConfig.AUTO_AUGMENTATIONS);
        assertThat(s.toConfig().augmentations()).isEqualTo(TrainingConfig.AUTO_AUGMENTATIONS);
        s.augmentationsProperty().set(-2);
        assertThatThrownBy(s::toConfig).hasMessageContaining("augmentations");
    }

    @Test
    void theHeadIsChosenAutomaticallyByDefaultAndTurningThatOffShowsInTheAdvancedTitle() {
        TrainSettings s = new TrainSettings(BackboneRegistry.standard());
        assertThat(s.headSearchProperty().get()).isTrue();
        assertThat(s.toConfig().autoHead()).isTrue();
        s.hiddenUnitsProperty().set(0);
        assertThat(s.advancedChanges()).as("while the search is on, the hidden size is only where it starts")
                .isEmpty();
        s.headSearchProperty().set(false);
        assertThat(s.advancedChanges()).isEqualTo("head as given, hidden 0");
        assertThat(s.toConfig().autoHead()).isFalse();
    }

    @Test
    void fineTuningGoesIntoTheConfigAndShowsInTheAdvancedTitle() {
        TrainSettings s = new TrainSettings(BackboneRegistry.standard());
        assertThat(s.toConfig().fineTuneBlocks()).isZero();
        s.fineTuneBlocksProperty().set(2);
        assertThat(s.toConfig().fineTuneBlocks()).isEqualTo(2);
        assertThat(s.advancedChanges()).isEqualTo("fine-tune last 2 blocks");
        s.load(TrainingConfig.defaults().withFineTune(1));
        assertThat(s.fineTuneBlocksProperty().get()).isEqualTo(1);
        s.fineTuneBlocksProperty().set(3);
        assertThatThrownBy(s::toConfig).hasMessageContaining("blocks to fine-tune");
    }

    /** The real bundled backbones, loaded: MobileNet v1 has a cut below its last two blocks, MobileNetV2 one. */
    @Test
    void theOptionOffersWhatTheChosenBackboneCanFineTune() throws Exception {
        BackboneRegistry registry = BackboneRegistry.standard();
        TrainSettings s = new TrainSettings(registry);
        s.backboneProperty().set(registry.require("mobilenet-v1-0.25"));
        new FineTuneCheck(s, dev.loupe.engine.jobs.JobExecutor.inline(), Runnable::run);
        assertThat(s.fineTunableProperty().get()).as("not checked while Advanced is closed").isEqualTo(-1);
        s.advancedShownProperty().set(true);
        assertThat(s.fineTunableProperty().get()).isEqualTo(2);
        assertThat(s.fineTuneWhyProperty().get()).isEmpty();
        s.fineTuneBlocksProperty().set(2);

        s.backboneProperty().set(registry.require("mobilenet-v2-0.35"));
        assertThat(s.fineTunableProperty().get()).isEqualTo(1);
        assertThat(s.fineTuneWhyProperty().get()).contains("mobilenet-v2-0.35").doesNotContain("\n");
        assertThat(s.fineTuneBlocksProperty().get()).as("brought down to what the backbone can do").isEqualTo(1);
    }
}
