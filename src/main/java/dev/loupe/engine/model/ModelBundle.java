package dev.loupe.engine.model;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.training.TemperatureScaling;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import dev.loupe.engine.util.NdArrays;

import java.nio.file.Path;
import java.util.List;

/** A trained model in memory: manifest, feature standardisation and head network. */
public record ModelBundle(ModelManifest manifest, FeatureScaler scaler, MultiLayerNetwork head) {

    /** The bundle format this build writes. */
    public static final int FORMAT_VERSION = 1;

    public List<String> labels() {
        return manifest.labels();
    }

    /**
     * The installed backbone this model's head was trained on, refused when its features are of another width (a
     * bundle naming a backbone it was not made with).
     */
    public BackboneDescriptor backbone(BackboneRegistry registry, Path file) throws BackboneException {
        return BundleParts.backbone(this, registry, file);
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
