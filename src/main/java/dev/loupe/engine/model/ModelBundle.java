package dev.loupe.engine.model;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.training.TemperatureScaling;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import dev.loupe.engine.util.NdArrays;

import java.nio.file.Path;
import java.util.List;

/**
 * A trained model in memory: manifest, feature standardisation, head network and, for a model whose top blocks were
 * fine-tuned, the backbone parameters it replaces ({@code patch}; null for a model on the stock backbone).
 */
public record ModelBundle(ModelManifest manifest, FeatureScaler scaler, MultiLayerNetwork head, BackbonePatch patch) {

    /**
     * The newest bundle format this build reads and writes: 2 adds the fine-tuned backbone. A bundle without one is
     * still written as format {@link #STOCK_FORMAT_VERSION}, so older Loupes keep opening it; an older Loupe refuses
     * a format-2 file, saying it was saved by a newer Loupe, rather than classifying with the stock backbone.
     */
    public static final int FORMAT_VERSION = 2;
    /** The format of a bundle on the stock backbone. */
    public static final int STOCK_FORMAT_VERSION = 1;

    /** A model on the stock backbone. */
    public ModelBundle(ModelManifest manifest, FeatureScaler scaler, MultiLayerNetwork head) {
        this(manifest, scaler, head, null);
    }

    /** The format this bundle is written in. */
    public int formatVersion() {
        return patch == null ? STOCK_FORMAT_VERSION : FORMAT_VERSION;
    }

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

    /**
     * The installed backbone with this model's fine-tuned parameters in place (DL4J; the stock backbone for a model
     * without them): what the exports and the Spark job run. Close its graph when done. A fine-tuned backbone that
     * does not fit the installed one is refused, naming the layer.
     */
    public Backbone loadBackbone(BackboneRegistry registry, Path file) throws BackboneException {
        return BundleParts.loadBackbone(this, registry, file);
    }

    /** Says that this model's fine-tuned backbone does not fit the installed one, naming the file and the layer. */
    public BackboneException notFitting(Path file, BackbonePatch.Mismatch e) {
        return BundleParts.notFitting(file, this, e);
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
