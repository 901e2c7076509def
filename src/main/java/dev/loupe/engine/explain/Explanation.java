package dev.loupe.engine.explain;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.FeatureMaps;

import java.util.List;

/**
 * One image through the model once: its class probabilities and the backbone's feature maps, from which a heat map
 * for any class costs one weighted sum over the maps. Keep it to show another class's map without running the
 * network again.
 */
public final class Explanation {

    private final List<String> labels;
    private final float[] probabilities;
    private final FeatureMaps maps;
    private final HeadGradient gradient;
    private final InputSpec input;

    Explanation(List<String> labels, float[] probabilities, FeatureMaps maps, HeadGradient gradient,
                InputSpec input) {
        this.input = input;
        this.labels = labels;
        this.probabilities = probabilities;
        this.maps = maps;
        this.gradient = gradient;
    }

    public List<String> labels() {
        return labels;
    }

    /** Calibrated, in label order, as classifying the image gives them. */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The backbone's maps and features for this image. */
    public FeatureMaps maps() {
        return maps;
    }

    /** The most probable class. */
    public int topClass() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    public HeatMap heatMap(String label) {
        int index = labels.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("The model has no class '" + label + "'; its classes are "
                    + String.join(", ", labels) + ".");
        }
        return heatMap(index);
    }

    /** Grad-CAM for class {@code cls}: the maps weighted by the gradient of its logit, summed. */
    public HeatMap heatMap(int cls) {
        return weighted(cls, gradient.of(maps.features(), cls));
    }

    /**
     * What sets class {@code cls} apart from its closest rival on this image (the most probable other class): the
     * maps weighted by the gradient of the difference of their logits. Evidence the two share (a texture both classes
     * show) cancels, so what is left is what tips the image towards this class.
     */
    public HeatMap contrastiveMap(int cls) {
        int rival = -1;
        for (int j = 0; j < probabilities.length; j++) {
            if (j != cls && (rival < 0 || probabilities[j] > probabilities[rival])) {
                rival = j;
            }
        }
        float[] weights = gradient.of(maps.features(), cls);
        if (rival >= 0) {
            float[] g = gradient.of(maps.features(), rival);
            for (int k = 0; k < weights.length; k++) {
                weights[k] -= g[k];
            }
        }
        return weighted(cls, weights);
    }

    private HeatMap weighted(int cls, float[] weights) {
        int positions = maps.positions();
        float[] cam = new float[positions];
        float[] values = maps.maps();
        for (int c = 0; c < maps.channels(); c++) {
            float w = weights[c];
            if (w == 0) {
                continue;
            }
            int offset = c * positions;
            for (int p = 0; p < positions; p++) {
                cam[p] += w * values[offset + p];
            }
        }
        return new HeatMap(labels.get(cls), cls, probabilities[cls], maps.width(), maps.height(), cam, input);
    }
}
