package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule learnt from held-out nearest-image similarities: tight clusters are familiar, far points are not. */
class FamiliarityTest {

    @Test
    void aPointFarFromEveryClusterIsUnfamiliarAndOneInsideIsNot() {
        Random r = new Random(3);
        float[][] x = new float[200][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[16];
            x[i][i % 4] = 1; // four clusters along four axes
            for (int d = 0; d < 16; d++) {
                x[i][d] += (float) (0.05 * r.nextGaussian());
            }
        }
        NeighbourIndex index = NeighbourIndexes.build(x, JobMonitor.silent());
        Familiarity rule = Familiarity.learn(x, index, 7);
        float[] inside = new float[16];
        inside[2] = 1;
        float[] outside = new float[16];
        outside[9] = 1;
        assertThat(rule.familiar(index.nearest(inside, 1).get(0).similarity())).isTrue();
        assertThat(rule.familiar(index.nearest(outside, 1).get(0).similarity())).isFalse();
    }

    @Test
    void aDatasetTooSmallToLearnFromCallsEverythingFamiliar() {
        NeighbourIndex empty = NeighbourIndexes.build(new float[0][], JobMonitor.silent());
        assertThat(Familiarity.learn(new float[0][], empty, 7)).isEqualTo(Familiarity.NONE);
        assertThat(Familiarity.NONE.familiar(-0.5f)).isTrue();
    }
}
