package dev.loupe.engine.audit;

import dev.loupe.engine.explain.Shortcut;

import java.util.List;
import java.util.Locale;

/**
 * One problem found in a dataset.
 *
 * @param kind    what kind of problem
 * @param classes the classes concerned (empty when none in particular); for a likely mislabel, the image's class
 *                then the class its neighbours suggest
 * @param images  the images concerned, relative to the dataset root
 * @param message one sentence for people
 */
public record AuditFinding(Kind kind, List<String> classes, List<String> images, String message) {

    /**
     * The kinds of problems, most harmful first. {@code LEFT_OUT} is what the scan does not use, one finding per
     * reason (loose photos, HEIC photos, nested, hidden or linked folders, links, pipes). Leakage, likely mislabels
     * and near-duplicates come from the feature-based pass ({@link FeatureChecks}) and appear only when it ran;
     * shortcuts (a class the model recognises by the same place in most of its photos, such as a watermark's corner)
     * only with a trained model ({@link dev.loupe.engine.explain.ShortcutCheck}).
     */
    public enum Kind {
        UNREADABLE, LEFT_OUT, DUPLICATE, LEAKAGE, LIKELY_MISLABEL, SHORTCUT, NEAR_DUPLICATE, TINY_IMAGE, EMPTY_CLASS,
        SINGLE_IMAGE_CLASS, IMBALANCE
    }

    /** A shortcut the model may have learned ({@link Shortcut}), with its clearest examples. */
    public static AuditFinding shortcut(Shortcut s) {
        return new AuditFinding(Kind.SHORTCUT, List.of(s.label()), s.examples(), String.format(Locale.ROOT,
                "The model tells %s apart by %s: what tips a photo towards %s is hottest there in %d of %d of its"
                        + " photos, against %d of %d of the other classes'. Something there (a watermark, a border,"
                        + " the background) may be what it learned; look at these photos' heat maps.", s.label(),
                s.region(), s.label(), s.hits(), s.photos(), s.otherHits(), s.otherPhotos()));
    }

    public AuditFinding {
        classes = List.copyOf(classes);
        images = List.copyOf(images);
    }
}
