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

    /**
     * The photos directly in the dataset folder, outside every class folder (relative paths, sorted): the dataset's
     * inbox, photos waiting for a label (see {@link LeftOut.Why#LOOSE_IMAGE}).
     */
    public List<String> looseImages() {
        return leftOut.stream().filter(l -> l.why() == LeftOut.Why.LOOSE_IMAGE).map(LeftOut::relativePath).toList();
    }

    /**
     * The inbox as images: {@link #looseImages()} with their files, labelled {@link #INBOX} (no class can be named
     * so), for the feature service, which reads and caches them like any other image.
     */
    public List<ImageEntry> inbox() {
        return looseImages().stream().map(p -> new ImageEntry(root.resolve(p), p, INBOX)).toList();
    }

    /**
     * The labelled images and the inbox's photos (labelled {@link #INBOX}) as the images of one snapshot, the inbox
     * no longer counted as left out: for what reads every photo of the dataset, labelled or not (the inbox's
     * features and suggestions, the Classify map).
     */
    public DatasetSnapshot withInbox() {
        List<ImageEntry> all = new java.util.ArrayList<>(images);
        all.addAll(inbox());
        return new DatasetSnapshot(root, classes, all,
                leftOut.stream().filter(l -> l.why() != LeftOut.Why.LOOSE_IMAGE).toList(), unreadable);
    }

    /** The label of an inbox photo in {@link #inbox()}: empty, which no class folder can be named. */
    public static final String INBOX = "";

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
