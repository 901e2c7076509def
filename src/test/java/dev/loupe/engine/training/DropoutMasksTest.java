package dev.loupe.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DropoutMasksTest {

    @Test
    void keepsTheAskedShareOfUnitsScaledSoTheMeanStaysOne() {
        float[] mask = new float[200_003];
        new DropoutMasks(7, 0.3).fill(mask, mask.length);
        int kept = 0;
        double sum = 0;
        for (float m : mask) {
            assertThat(m == 0f || Math.abs(m - 1 / 0.3f) < 1e-6).as("a factor of 0 or 1/keep, not " + m).isTrue();
            kept += m > 0 ? 1 : 0;
            sum += m;
        }
        assertThat(kept / (double) mask.length).isCloseTo(0.3, within(0.005));
        assertThat(sum / mask.length).isCloseTo(1.0, within(0.02));
    }

    @Test
    void aSeedGivesTheSameMasksAndAnotherSeedOthers() {
        float[] a = new float[1001];
        float[] b = new float[1001];
        float[] c = new float[1001];
        new DropoutMasks(42, 0.5).fill(a, a.length);
        new DropoutMasks(42, 0.5).fill(b, b.length);
        new DropoutMasks(43, 0.5).fill(c, c.length);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void refusesAKeepProbabilityOutsideZeroToOne() {
        assertThatThrownBy(() -> new DropoutMasks(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DropoutMasks(1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
