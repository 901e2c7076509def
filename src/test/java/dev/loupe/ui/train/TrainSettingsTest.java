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
        s.augmentationsProperty().set(-1);
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
}
