package dev.loupe.engine.training;

import dev.loupe.engine.util.NdArrays;
import dev.loupe.engine.util.Natives;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-epoch metrics come from HeadPredictor; they must be the probabilities the saved network gives. */
class HeadPredictorTest {

    private final LabelledFeatures data = Blobs.make(4, 30, 20, 1.0, 8);

    @BeforeAll
    static void natives() {
        Natives.configure();
    }

    @Test
    void hiddenLayerHeadGivesDl4jsOutput() {
        assertSameAsOutput(new TrainingConfig("x", 1, 3e-3, 16, 0.5, 1e-2, 0, 4, 5, 8, true, 0));
    }

    @Test
    void softmaxHeadGivesDl4jsOutput() {
        assertSameAsOutput(new TrainingConfig("x", 1, 3e-3, 0, 0, 0, 0, 4, 5, 8, false, 0));
    }

    private void assertSameAsOutput(TrainingConfig config) {
        INDArray x = NdArrays.fromRows(data.x(), 20);
        MultiLayerNetwork net = HeadNetworks.build(config, 20, 4, null);
        HeadPredictor predictor = new HeadPredictor(net, x);
        // Non-zero biases and weights moved after the predictor was made: it must read the current parameters.
        net.params().addi(Nd4j.rand(DataType.FLOAT, net.params().shape()).subi(0.5));
        float[][] expected = NdArrays.toRows(net.output(x, false));
        float[][] actual = predictor.probabilities();
        assertThat(actual).hasNumberOfRows(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(actual[i][j]).as("row %d class %d", i, j).isCloseTo(expected[i][j], within(1e-6f));
            }
        }
    }
}
