package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.TsneLayout;

import java.nio.file.Path;
import java.util.List;

/**
 * What the scatter draws: points with a class each, the class names (legend order), and the files for hover
 * thumbnails. Replaced as a whole when a new partial layout arrives; never changed in place.
 */
public record ScatterData(List<String> classes, int[] classOf, List<Path> files, TsneLayout layout) {

    public ScatterData {
        classes = List.copyOf(classes);
        files = List.copyOf(files);
    }

    public int size() {
        return classOf.length;
    }

    ScatterData withLayout(TsneLayout next) {
        return new ScatterData(classes, classOf, files, next);
    }
}
