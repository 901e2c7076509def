package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.Placement;
import dev.loupe.engine.inference.LabelScore;
import dev.loupe.engine.inference.Prediction;

import java.nio.file.Path;
import java.util.List;

/**
 * One classified photo as the pane shows it: the prediction, where it sits on the map (null until a map exists), the
 * dataset images it resembles most, and whether it looks like nothing in the dataset (then the label is a guess).
 */
public record ClassifiedImage(Prediction prediction, float[] features, Placement placement, List<SimilarImage> similar,
                              boolean unfamiliar) {

    /** A photo not placed yet (no map). */
    public ClassifiedImage(Prediction prediction, float[] features) {
        this(prediction, features, null, List.of(), false);
    }

    public ClassifiedImage {
        similar = List.copyOf(similar);
    }

    public Path file() {
        return prediction.file();
    }

    public String label() {
        LabelScore best = prediction.best();
        return best == null ? "" : best.label();
    }

    public double probability() {
        LabelScore best = prediction.best();
        return best == null ? Double.NaN : best.probability();
    }

    ClassifiedImage placed(Placement where, List<SimilarImage> like, boolean farFromAll) {
        return new ClassifiedImage(prediction, features, where, like, farFromAll);
    }

    /** The similarity of the nearest dataset image, or NaN before the photo is placed. */
    public float nearestSimilarity() {
        return similar.isEmpty() ? Float.NaN : similar.get(0).similarity();
    }

    /** A dataset image like the classified one. */
    public record SimilarImage(int index, Path file, String label, float similarity) {
    }
}
