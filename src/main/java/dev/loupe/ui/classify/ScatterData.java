package dev.loupe.ui.classify;

import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.embedding.TsneLayout;

import java.nio.file.Path;
import java.util.List;

/**
 * What the scatter draws: points with a class each, the class names (legend order; the inbox's photos, not labelled
 * yet, have the inbox's empty label), and the files for hover thumbnails. Replaced as a whole when a new partial layout arrives; never changed in place.
 */
public record ScatterData(List<String> classes, int[] classOf, List<Path> files, TsneLayout layout) {

    public ScatterData {
        classes = List.copyOf(classes);
        files = List.copyOf(files);
    }

    /** The inbox's photos on the map are the "class" with the inbox's label; drawn hollow and grey, as unlabelled. */
    static boolean isInbox(String className) {
        return DatasetSnapshot.INBOX.equals(className);
    }

    /** A class's name as the map shows it: the inbox's empty label reads "inbox (no label)". */
    static String shown(String className) {
        return isInbox(className) ? "inbox (no label)" : className;
    }

    public int size() {
        return classOf.length;
    }

    ScatterData withLayout(TsneLayout next) {
        return new ScatterData(classes, classOf, files, next);
    }
}
