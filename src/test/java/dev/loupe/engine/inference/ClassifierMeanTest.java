package dev.loupe.engine.inference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClassifierMeanTest {

    @Test
    void averagesThePhotosAndTheMirrorsProbabilities() {
        float[] mean = Classifier.mean(new float[][]{{0.8f, 0.2f, 0f}, {0.4f, 0.5f, 0.1f}});
        assertThat(mean[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(mean[1]).isCloseTo(0.35f, within(1e-6f));
        assertThat(mean[2]).isCloseTo(0.05f, within(1e-6f));
    }
}
