package dev.loupe.engine.embedding;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/** One byte per dimension keeps the distance the graph navigates by close to the true one. */
class ReducedCodeTest {

    @Test
    void theCodesDistanceIsWithinOnePercentOfTheTrueOne() {
        Random r = new Random(3);
        for (int t = 0; t < 200; t++) {
            float[] a = decaying(r);
            float[] b = decaying(r);
            double truth = 0;
            for (int j = 0; j < a.length; j++) {
                truth += (a[j] - b[j]) * (a[j] - b[j]);
            }
            assertThat((double) ReducedCode.of(a).distance(ReducedCode.of(b))).isCloseTo(truth, withinPercentage(1));
            assertThat((double) ReducedCode.of(a).distance(ReducedCode.of(a))).isCloseTo(0, within(1e-6));
        }
    }

    @Test
    void aStoredCodeIsTheCodeItWas() {
        ReducedCode code = ReducedCode.of(decaying(new Random(1)));
        ReducedCode read = ReducedCode.of(code.codes().clone(), code.scale());
        assertThat(read.sameAs(code)).isTrue();
        assertThat(read.norm2()).isEqualTo(code.norm2());
    }

    @Test
    void theZeroVectorIsAtTheOrigin() {
        ReducedCode zero = ReducedCode.of(new float[8]);
        assertThat(zero.distance(ReducedCode.of(new float[] {0.5f, 0, 0, 0, 0, 0, 0, 0})))
                .isCloseTo(0.25f, within(1e-3f));
        assertThat(zero.sameAs(ReducedCode.of(new float[8]))).isTrue();
    }

    /** Like a unit vector's projection on principal axes: 128 components of falling variance, length about one. */
    private static float[] decaying(Random r) {
        float[] v = new float[128];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) (r.nextGaussian() * 0.25 * Math.pow(0.98, j));
        }
        return v;
    }
}
