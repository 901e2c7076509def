package dev.loupe.engine.inbox;

import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Accept all suggestions at or above N% confidence": first the plan (how many photos per class, and how often the
 * model is wrong at that confidence, measured on the validation split and expected from the calibrated
 * probabilities), then the move as ONE edit of the dataset editor, so one Undo puts every photo back in the inbox.
 */
public final class BulkAcceptance {

    private BulkAcceptance() {
    }

    /**
     * The plan for {@code minConfidence} (in [0, 1]). Photos flagged out of distribution stay in the inbox, and so do
     * suggestions for a class that no longer has a folder.
     */
    public static BulkPlan plan(Inbox inbox, double minConfidence) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("The minimum confidence must be between 0 and 1 (e.g. 0.95 for 95%)");
        }
        if (!inbox.hasModel()) {
            throw new IllegalStateException("There are no suggestions to accept yet: train a model first");
        }
        // Compared as floats, as the confidences are: 0.9 typed must take a photo shown at 90.0%.
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        inbox.labels().stream().filter(inbox.classes()::contains).forEach(l -> byClass.put(l, new ArrayList<>()));
        int unfamiliar = 0;
        double expected = 0;
        for (InboxPhoto p : inbox.sorted(InboxOrder.CONFIDENT)) {
            Suggestion s = p.suggestion();
            if (s.confidence() < (float) minConfidence || !byClass.containsKey(s.label())) {
                continue;
            }
            if (p.unfamiliar()) {
                unfamiliar++;
                continue;
            }
            byClass.get(s.label()).add(p.path());
            expected += 1 - s.confidence();
        }
        byClass.values().removeIf(List::isEmpty);
        Calibration c = inbox.calibration();
        return new BulkPlan(minConfidence, byClass, unfamiliar, c.countAtLeast(minConfidence),
                c.errorsAtLeast(minConfidence), expected);
    }

    /** Moves the plan's photos into their classes as one undoable edit; empty when it moves nothing. */
    public static Optional<Edit> accept(DatasetEditor editor, BulkPlan plan) throws IOException {
        return editor.moveImages(plan.byClass());
    }
}
