package dev.loupe.engine.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LabellingBenchTest {

    @Test
    void labelsToReachInterpolatesBetweenMeasuredPoints() {
        var curve = new LabellingSimulation.Curve(new int[] {10, 20, 40}, new double[] {0.5, 0.7, 0.9});
        assertThat(LabellingBench.labelsToReach(curve, 0.8)).isCloseTo(30, within(1e-9));
        assertThat(LabellingBench.labelsToReach(curve, 0.4)).isEqualTo(10);
        assertThat(LabellingBench.labelsToReach(curve, 0.95)).isNaN();
    }

    @Test
    void batchesAreTheStudiosTenUnlessGrowing() {
        var fixed = new LabellingSimulation.Schedule(5, 10, false, 1000);
        assertThat(fixed.next(50)).isEqualTo(10);
        assertThat(fixed.next(800)).isEqualTo(10);
        var growing = new LabellingSimulation.Schedule(5, 10, true, 1000);
        assertThat(growing.next(20)).isEqualTo(10);
        assertThat(growing.next(800)).isEqualTo(200);
        assertThat(LabellingBench.defaults().batch()).isEqualTo(dev.loupe.engine.inbox.AutoRetrain.DEFAULT_EVERY);
    }

    @Test
    void eachStrategyTakesThePhotosItsOrderPutsFirst() {
        List<Integer> pool = List.of(100, 101, 102, 103);
        float[][] p = {{0.5f, 0.5f}, {0.99f, 0.01f}, {0.7f, 0.3f}, {0.55f, 0.45f}};
        float[][] x = new float[104][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[] {i % 2, 1};
        }
        Random r = new Random(1);
        assertThat(LabellingStrategy.MARGIN.pick(pool, p, x, 2, r)).containsExactly(100, 103);
        assertThat(LabellingStrategy.ENTROPY.pick(pool, p, x, 2, r)).containsExactly(100, 103);
        assertThat(LabellingStrategy.CONFIDENT.pick(pool, p, x, 2, r)).containsExactly(101, 102);
        assertThat(LabellingStrategy.RANDOM.pick(pool, p, x, 4, r)).containsExactlyInAnyOrderElementsOf(pool);
        // Diversity: of the 4 candidates, 100 and 102 share features (even rows), as do 101 and 103: one of each.
        List<Integer> diverse = LabellingStrategy.MARGIN_DIVERSE.pick(pool, p, x, 2, r);
        assertThat(diverse).hasSize(2).containsExactlyInAnyOrder(100, 103);
    }
}
