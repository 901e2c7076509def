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
}
