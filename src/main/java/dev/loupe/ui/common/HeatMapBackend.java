package dev.loupe.ui.common;

import dev.loupe.engine.explain.HeatMap;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What the studio's heat maps need from the engine ({@code engine/explain}), behind one interface so the panes' tests
 * can use a fast fake instead of a backbone. Called on job threads only.
 */
public interface HeatMapBackend extends AutoCloseable {

    /**
     * One run of the model on one photo: enough to draw the map of any of its classes without running it again.
     *
     * @param width  the photo's width as shown (after its EXIF orientation)
     * @param height the photo's height as shown
     * @param bytes  about how much memory it holds (the feature maps), for the cache's bound
     */
    record Explained(List<String> labels, float[] probabilities, IntFunction<HeatMap> maps, int width, int height,
                     long bytes) {

        /** The most probable class. */
        public int top() {
            int best = 0;
            for (int i = 1; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[best]) {
                    best = i;
                }
            }
            return best;
        }
    }

    /**
     * Runs {@code model} on {@code image} once. Throws with a one-sentence message when it cannot, e.g. the model's
     * backbone has no spatial feature maps ({@code BackboneException}, whose message says why).
     */
    Explained explain(Path model, Path image) throws Exception;

    @Override
    void close();
}
