package dev.loupe.engine.training;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TemperatureScalingTest {

    @Test
    void overconfidentPredictionsGetATemperatureAboveOneAndALowerLoss() {
        // 99% sure every time, right 70% of the time.
        float[][] p = new float[100][];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            p[i] = new float[]{0.99f, 0.01f};
            y[i] = i < 70 ? 0 : 1;
        }
        double t = TemperatureScaling.fit(p, y);
        assertThat(t).isGreaterThan(1.5);
        float[][] calibrated = TemperatureScaling.apply(p, t);
        assertThat(calibrated[0][0]).isCloseTo(0.70f, within(0.02f));
        assertThat(Losses.crossEntropy(calibrated, y)).isLessThan(Losses.crossEntropy(p, y));
    }

    @Test
    void scalingNeverChangesWhichLabelWins() {
        float[] p = {0.2f, 0.5f, 0.3f};
        for (double t : new double[]{0.1, 0.5, 2, 10}) {
            float[] q = TemperatureScaling.apply(p, t);
            assertThat(q[1]).isGreaterThan(q[2]).isGreaterThan(q[0]);
            assertThat(q[0] + q[1] + q[2]).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void nothingToFitOnMeansTemperatureOne() {
        assertThat(TemperatureScaling.fit(new float[0][], new int[0])).isEqualTo(1.0);
    }
}
