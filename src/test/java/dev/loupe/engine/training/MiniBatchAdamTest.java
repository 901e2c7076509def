package dev.loupe.engine.training;

import dev.loupe.engine.util.Natives;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The lean trainer must be DL4J's {@code fit} in all but speed: on the same batches in the same order it must reach
 * the same parameters. A wrong sign, a missing term (L2, class weight, bias, ReLU or dropout backprop), a different
 * dropout draw or a wrong batch average moves the parameters apart within a few steps.
 */
class MiniBatchAdamTest {

    private static final int CLASSES = 3;
    private final LabelledFeatures data = Blobs.make(CLASSES, 25, 12, 1.5, 5);
    private final float[] classWeights = {0.5f, 1f, 2f};

    @BeforeAll
    static void natives() {
        Natives.configure();
    }

    @Test
    void hiddenLayerWithDropoutL2AndClassWeightsMatchesDl4jFit() {
        TrainingConfig config = new TrainingConfig("x", 1, 3e-3, 16, 0.5, 1e-2, 0, 11, 5, 16, true, 0);
        assertSameAsFit(config, classWeights);
    }

    @Test
    void softmaxOnlyMatchesDl4jFit() {
        TrainingConfig config = new TrainingConfig("x", 1, 1e-2, 0, 0, 1e-3, 0, 3, 5, 10, false, 0);
        assertSameAsFit(config, null);
    }

    @Test
    void softmaxOnlyWithDropoutOnTheFeaturesMatchesDl4jFit() {
        TrainingConfig config = new TrainingConfig("x", 1, 1e-2, 0, 0.2, 0, 0, 3, 5, 32, true, 0);
        assertSameAsFit(config, classWeights);
    }

    @Test
    void anEpochsMetricsAreItsBatchesScoredWithoutDropout() {
        // A step too small to move the weights: the epoch's running figures must then be those of one full pass
        // with the network as it stands, dropout off (HeadPredictor is what the trainer used before).
        TrainingConfig config = new TrainingConfig("x", 1, 1e-12, 16, 0.5, 0, 0, 11, 5, 16, true, 0);
        INDArray x = Nd4j.create(data.x());
        MultiLayerNetwork net = HeadNetworks.build(config, x.columns(), CLASSES, classWeights);
        float[][] before = new HeadPredictor(net, x).probabilities();
        MiniBatchAdam steps = new MiniBatchAdam(net, data.x(), data.y(), CLASSES, classWeights, config.batchSize());

        double[] metrics = steps.epoch(interleaved(data.size()), 0);

        assertThat(metrics[0]).isCloseTo(Losses.crossEntropy(before, data.y()), within(1e-4));
        assertThat(metrics[1]).isEqualTo(Losses.accuracy(before, data.y()));
        assertThat(metrics[1]).as("an untrained head is not always right").isLessThan(1.0);
    }

    /**
     * Three epochs of 75 rows in batches (the last one short). Each network is built from the same seed; fit() gets
     * its dropout masks from a {@link DropoutMasks} seeded as the lean trainer's is, so both drop the same units.
     */
    private void assertSameAsFit(TrainingConfig config, float[] weights) {
        INDArray x = Nd4j.create(data.x());
        int[][] orders = {reversed(data.size()), interleaved(data.size()), reversed(data.size())};

        MultiLayerNetwork lean = HeadNetworks.build(config, x.columns(), CLASSES, weights);
        INDArray initial = lean.params().dup();
        MiniBatchAdam steps = new MiniBatchAdam(lean, data.x(), data.y(), CLASSES, weights, config.batchSize());
        for (int epoch = 0; epoch < orders.length; epoch++) {
            steps.epoch(orders[epoch], epoch);
        }

        MultiLayerNetwork reference = HeadNetworks.build(config, x.columns(), CLASSES, weights);
        assertThat(reference.params()).isEqualTo(initial);
        if (config.dropout() > 0) {
            reference.getLayer(reference.getnLayers() - 1).conf().getLayer()
                    .setIDropout(new ReplayedDropout(new DropoutMasks(config.seed(), 1 - config.dropout())));
        }
        for (int[] order : orders) {
            for (int start = 0; start < order.length; start += config.batchSize()) {
                reference.fit(batch(x, Arrays.copyOfRange(order, start,
                        Math.min(order.length, start + config.batchSize()))));
            }
        }

        assertThat(steps.iterations()).isEqualTo(reference.getIterationCount());
        assertThat(maxAbsDifference(lean.params(), initial)).as("training moved the weights").isGreaterThan(1e-2);
        assertThat(maxAbsDifference(lean.params(), reference.params())).isLessThan(1e-5);
    }

    /** Inverted dropout for fit() with given masks: the input times the mask, and the gradient through it. */
    private static final class ReplayedDropout implements IDropout {
        private final DropoutMasks masks;
        private INDArray mask;

        ReplayedDropout(DropoutMasks masks) {
            this.masks = masks;
        }

        @Override
        public INDArray applyDropout(INDArray in, INDArray result, int iteration, int epoch, LayerWorkspaceMgr ws) {
            float[] m = new float[(int) in.length()];
            masks.fill(m, m.length);
            mask = Nd4j.create(m, in.shape(), 'c').castTo(in.dataType());
            return result.assign(in.mul(mask));
        }

        @Override
        public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
            return gradAtInput.assign(gradAtOutput.mul(mask));
        }

        @Override
        public void clear() {
            mask = null;
        }

        @Override
        public IDropout clone() {
            return this;
        }
    }

    private DataSet batch(INDArray x, int[] rows) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows.length, CLASSES);
        for (int i = 0; i < rows.length; i++) {
            labels.putScalar(i, data.y()[rows[i]], 1f);
        }
        return new DataSet(Nd4j.pullRows(x, 1, rows), labels);
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static int[] reversed(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
        }
        return order;
    }

    /** 0, 7, 14, ..., 1, 8, 15, ...: a fixed shuffle. */
    private static int[] interleaved(int n) {
        int[] order = new int[n];
        int k = 0;
        for (int start = 0; start < 7; start++) {
            for (int i = start; i < n; i += 7) {
                order[k++] = i;
            }
        }
        return order;
    }
}
