package dev.loupe.engine.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one early-stopping rule: which epoch is kept, with its weights, and when the loop stops. */
class EarlyStoppingTest {

    private final MultiLayerNetwork net = HeadNetworks.build(TrainingConfig.defaults().withEpochs(1), 4, 2, null);

    @Test
    void keepsTheBestEpochsWeightsAndStopsAfterPatienceEpochsWithoutOne() {
        EarlyStopping stopping = new EarlyStopping(net, 2);
        double[] losses = {0.9, 0.5, 0.6, 0.5 - 1e-6, 0.7};
        List<EpochMetrics> history = new ArrayList<>();
        INDArray atBest = null;
        boolean carryOn = true;
        for (int e = 1; carryOn; e++) {
            net.params().assign(e); // stands for an epoch's steps
            if (e == 2) {
                atBest = net.params().dup();
            }
            EpochMetrics m = new EpochMetrics(e, 1.0, 0.5, losses[e - 1], 0.5);
            history.add(m);
            carryOn = stopping.carryOn(m);
        }
        assertThat(history).as("epoch 4 improves by less than 1e-5: no progress").hasSize(4);
        assertThat(stopping.restoreBest()).isEqualTo(2);
        assertThat(net.params()).isEqualTo(atBest);
        assertThat(EarlyStopping.bestEpoch(history)).isEqualTo(2);
    }

    @Test
    void withoutValidationTheTrainingLossIsWatched() {
        List<EpochMetrics> history = List.of(new EpochMetrics(1, 0.8, 0.5, Double.NaN, Double.NaN),
                new EpochMetrics(2, 0.4, 0.5, Double.NaN, Double.NaN),
                new EpochMetrics(3, 0.6, 0.5, Double.NaN, Double.NaN));
        assertThat(EarlyStopping.bestEpoch(history)).isEqualTo(2);
        assertThat(EarlyStopping.bestEpoch(List.of())).isZero();
    }

    @Test
    void whenNoEpochImprovesTheStartingWeightsComeBack() {
        INDArray start = net.params().dup();
        EarlyStopping stopping = new EarlyStopping(net, 1);
        net.params().assign(3);
        assertThat(stopping.carryOn(new EpochMetrics(1, Double.NaN, 0, Double.NaN, 0))).isTrue();
        assertThat(stopping.carryOn(new EpochMetrics(2, Double.NaN, 0, Double.NaN, 0))).isFalse();
        assertThat(stopping.restoreBest()).isEqualTo(1);
        assertThat(net.params()).isEqualTo(start);
    }
}
