package dev.loupe.engine.bench;

import dev.loupe.engine.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's head figure is only useful if its label says which head was trained. */
class HeadBenchTest {

    @Test
    void describesTheDefaultHeadWithItsHiddenLayerAndRegularisation() {
        TrainingConfig d = TrainingConfig.defaults();
        assertThat(HeadBench.describe(d, 1280)).isEqualTo("1280-" + d.hiddenUnits() + "-5 ReLU, dropout "
                + d.dropout() + ", L2 " + d.l2() + ", Adam " + d.learningRate() + ", batch " + d.batchSize()
                + ", class weights");
    }

    @Test
    void aHeadWithoutHiddenLayerIsCalledSoftmax() {
        TrainingConfig c = new TrainingConfig("x", 5, 1e-3, 0, 0.2, 0, 0, 1, 5, 16, false, 0);
        assertThat(HeadBench.describe(c, 768)).isEqualTo("768-5 softmax, dropout 0.2, L2 0.0, Adam 0.001, batch 16");
    }
}
