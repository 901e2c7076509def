package dev.loupe.engine.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The benchmark's overrides change only what they name, and a bad value is refused, not ignored. */
class FineTuneSettingsTest {

    @Test
    void noPropertyLeavesTheDefaults() {
        FineTuneSettings d = FineTuneSettings.defaults(7);
        assertEquals(d, d.overriddenBy(new Properties()));
    }

    @Test
    void eachPropertyReplacesItsSettingAlone() {
        Properties p = new Properties();
        p.setProperty("loupe.finetune.learningRate", "1e-3");
        p.setProperty("loupe.finetune.epochs", "8");
        p.setProperty("loupe.finetune.patience", "3");
        p.setProperty("loupe.finetune.weightDecay", "0");
        FineTuneSettings d = FineTuneSettings.defaults(7).withClassWeights(false);
        assertEquals(new FineTuneSettings(8, 1e-3, d.warmupShare(), 0, d.batchSize(), 3, 7, false), d.overriddenBy(p));
    }

    @Test
    void aValueThatIsNoNumberOrOutOfRangeIsRefused() {
        Properties p = new Properties();
        p.setProperty("loupe.finetune.learningRate", "fast");
        assertThrows(IllegalArgumentException.class, () -> FineTuneSettings.defaults(7).overriddenBy(p));
        p.setProperty("loupe.finetune.learningRate", "2");
        assertThrows(IllegalArgumentException.class, () -> FineTuneSettings.defaults(7).overriddenBy(p));
    }
}
