package dev.loupe.engine.embedding;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** One byte per dimension keeps the cosine the graph navigates by close to the true one. */
class UnitCodeTest {

    @Test
    void theCodesCosineIsWithinOneHundredthOfTheTrueOne() {
        Random r = new Random(3);
        float[] centre = new float[1280];
        for (int j = 0; j < centre.length; j++) {
            centre[j] = r.nextFloat() < 0.3 ? (float) Math.abs(r.nextGaussian()) : 0;
        }
        for (int t = 0; t < 200; t++) {
            float[] a = near(centre, r);
            float[] b = near(centre, r);
            double truth = HnswCosineIndex.dot(CosineIndex.normalised(a), CosineIndex.normalised(b));
            assertThat((double) UnitCode.of(a).similarity(UnitCode.of(b))).isCloseTo(truth, within(0.01));
            assertThat((double) UnitCode.of(a).similarity(UnitCode.of(a))).isCloseTo(1, within(0.01));
        }
    }

    @Test
    void theZeroVectorResemblesNothing() {
        UnitCode zero = UnitCode.of(new float[8]);
        assertThat(zero.similarity(UnitCode.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}))).isZero();
        assertThat(zero.sameAs(UnitCode.of(new float[8]))).isTrue();
    }

    private static float[] near(float[] centre, Random r) {
        float[] v = new float[centre.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.max(0, centre[j] + (float) (r.nextGaussian() * 0.3));
        }
        return v;
    }
}
