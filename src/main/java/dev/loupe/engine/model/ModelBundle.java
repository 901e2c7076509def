package dev.loupe.engine.model;

import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.training.TemperatureScaling;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import dev.loupe.engine.util.NdArrays;

import java.util.List;

/** A trained model in memory: manifest, feature standardisation and head network. */
public record ModelBundle(ModelManifest manifest, FeatureScaler scaler, MultiLayerNetwork head) {

    /** The bundle format this build writes. */
    public static final int FORMAT_VERSION = 1;

    public List<String> labels() {
        return manifest.labels();
    }

    /** Calibrated class probabilities for feature vectors, one row each. Not thread-safe (one DL4J network). */
    public synchronized float[][] probabilities(float[][] features) {
        if (features.length == 0) {
            return new float[0][];
        }
        float[][] raw = NdArrays.toRows(head.output(NdArrays.fromRows(scaler.apply(features), scaler.mean().length), false));
        return TemperatureScaling.apply(raw, manifest.temperature());
    }
}
