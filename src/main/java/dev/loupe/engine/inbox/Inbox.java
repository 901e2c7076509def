package dev.loupe.engine.inbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A dataset's inbox as loaded by {@link InboxJob}: its photos with features and (with a trained run) suggestions,
 * and what bulk acceptance needs to say how often a suggestion is wrong. Immutable; load again after an edit or a
 * retrain (features come from the cache, so that takes seconds).
 *
 * @param classes     the dataset's class folders, sorted (what a photo can be labelled as)
 * @param labels      the model's classes, in its order; empty without a trained run
 * @param runId       the run whose model made the suggestions; null without one
 * @param calibration the model on its validation photos ({@link Calibration#NONE} without a run)
 * @param labelled    how many labelled photos the features and the out-of-distribution rule came from
 * @param warnings    what could not be read, one sentence each
 */
public record Inbox(Path root, String backboneId, List<String> classes, List<InboxPhoto> photos, List<String> labels,
                    String runId, Calibration calibration, int labelled, List<String> warnings) {

    public Inbox {
        classes = List.copyOf(classes);
        photos = List.copyOf(photos);
        labels = List.copyOf(labels);
        warnings = List.copyOf(warnings);
    }

    public boolean hasModel() {
        return runId != null;
    }

    public Optional<InboxPhoto> photo(String path) {
        return photos.stream().filter(p -> p.path().equals(path)).findFirst();
    }

    /** The photos in {@code order} ({@link InboxOrders#sort}). */
    public List<InboxPhoto> sorted(InboxOrder order) {
        return InboxOrders.sort(photos, order, labels);
    }

    /** The photos most similar to the inbox photo at {@code path} first; empty if it is not in the inbox. */
    public List<InboxPhoto> similarTo(String path) {
        return photo(path).map(p -> InboxOrders.similarTo(photos, p.features())).orElse(List.of());
    }
}
