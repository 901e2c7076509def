package dev.loupe.engine.dataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a dataset folder held when it was scanned.
 *
 * @param classes    every class folder Loupe could list, sorted by name, including empty ones
 * @param images     the image files, sorted by relative path
 * @param ignored    files that are not images, or images outside a class folder, with the reason
 * @param unreadable class folders Loupe could not list (e.g. no read permission): not classes, their images left out
 * @param loose      names of the images directly in the dataset folder, outside any class (a folder of photos not
 *                   sorted yet): not examples, but what a user may start sorting from
 */
public record DatasetSnapshot(Path root, List<String> classes, List<ImageEntry> images, List<String> ignored,
                              List<Unreadable> unreadable, List<String> loose) {

    /** A class folder that could not be listed, and why, in words for the user. */
    public record Unreadable(String relativePath, String reason) {
        @Override
        public String toString() {
            return relativePath + ": " + reason;
        }
    }

    public DatasetSnapshot {
        classes = List.copyOf(classes);
        images = List.copyOf(images);
        ignored = List.copyOf(ignored);
        unreadable = List.copyOf(unreadable);
        loose = List.copyOf(loose);
    }

    /** Image count per class, in class order (empty classes count 0). */
    public Map<String, Integer> countsPerClass() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classes.forEach(c -> counts.put(c, 0));
        images.forEach(i -> counts.merge(i.label(), 1, Integer::sum));
        return counts;
    }

    /** Classes that hold at least one image, in class order. */
    public List<String> nonEmptyClasses() {
        Map<String, Integer> counts = countsPerClass();
        return classes.stream().filter(c -> counts.get(c) > 0).toList();
    }
}
