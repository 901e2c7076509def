package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.Placement;
import dev.loupe.engine.inference.LabelScore;
import dev.loupe.engine.inference.Prediction;

import java.nio.file.Path;
import java.util.List;

/**
 * One classified photo as the pane shows it: the prediction, where it sits on the map (null until a map exists) and
 * the dataset images it resembles most.
 */
public record ClassifiedImage(Prediction prediction, float[] features, Placement placement, List<SimilarImage> similar) {

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

    ClassifiedImage placed(Placement where, List<SimilarImage> like) {
        return new ClassifiedImage(prediction, features, where, like);
    }

    /** A dataset image like the classified one. */
    public record SimilarImage(int index, Path file, String label, float similarity) {
    }
}
