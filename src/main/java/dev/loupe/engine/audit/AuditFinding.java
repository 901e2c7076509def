package dev.loupe.engine.audit;

import java.util.List;

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
     * and near-duplicates come from the feature-based pass ({@link FeatureChecks}) and appear only when it ran.
     */
    public enum Kind {
        UNREADABLE, LEFT_OUT, DUPLICATE, LEAKAGE, LIKELY_MISLABEL, NEAR_DUPLICATE, TINY_IMAGE, EMPTY_CLASS,
        SINGLE_IMAGE_CLASS, IMBALANCE
    }

    public AuditFinding {
        classes = List.copyOf(classes);
        images = List.copyOf(images);
    }
}
