package dev.loupe.engine.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/**
 * The result of training: the network at its best epoch, the feature standardisation it expects, every epoch's metrics, and the calibration temperature.
 *
 * @param bestEpoch 1-based epoch whose weights were kept
 */
public record TrainedHead(MultiLayerNetwork network, FeatureScaler scaler, List<EpochMetrics> history, int bestEpoch, double temperature) {

    public TrainedHead {
        history = List.copyOf(history);
    }

    public EpochMetrics best() {
        return history.get(bestEpoch - 1);
    }
}
