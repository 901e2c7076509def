package dev.loupe.engine.inference;

import java.nio.file.Path;
import java.util.List;

/**
 * The model's answer for one image: the top labels, best first, or the reason the image could not be classified.
 */
public record Prediction(Path file, List<LabelScore> top, String error) {

    /** Below this probability a result is flagged as uncertain. */
    public static final double CONFIDENT = 0.5;

    public static Prediction failed(Path file, String reason) {
        return new Prediction(file, List.of(), reason);
    }

    public boolean ok() {
        return error == null;
    }

    public LabelScore best() {
        return top.isEmpty() ? null : top.get(0);
    }

    public boolean confident() {
        return ok() && best().probability() >= CONFIDENT;
    }
}
