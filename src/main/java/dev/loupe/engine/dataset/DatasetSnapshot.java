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
 * @param leftOut    what looks like data but is not used, with the reason (see {@link LeftOut}), by path
 * @param unreadable class folders Loupe could not list (e.g. no read permission): not classes, their images left out
 */
public record DatasetSnapshot(Path root, List<String> classes, List<ImageEntry> images, List<LeftOut> leftOut,
                              List<Unreadable> unreadable) {

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
        leftOut = List.copyOf(leftOut);
        unreadable = List.copyOf(unreadable);
    }

    /**
     * What the user must be told was left out, one sentence per kind: unreadable class folders, then
     * {@link LeftOut#sentences}. Train, audit and the studio show these, so no photo is ignored without a word.
     */
    public List<String> notes() {
        List<String> out = new java.util.ArrayList<>(unreadable.stream().map(Unreadable::toString).toList());
        out.addAll(LeftOut.sentences(leftOut));
        return out;
    }

    /** The photos directly in the dataset folder, outside every class folder (relative paths, sorted). */
    public List<String> looseImages() {
        return leftOut.stream().filter(l -> l.why() == LeftOut.Why.LOOSE_IMAGE).map(LeftOut::relativePath).toList();
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
