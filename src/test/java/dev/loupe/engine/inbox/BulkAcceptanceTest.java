package dev.loupe.engine.inbox;

import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BulkAcceptanceTest {

    @TempDir Path root;

    private static final List<String> LABELS = List.of("cat", "dog");

    private static InboxPhoto photo(String path, float cat, boolean unfamiliar) {
        return new InboxPhoto(path, null, path, new float[] {cat}, Suggestion.of(new float[] {cat, 1 - cat}, LABELS),
                0.9f, unfamiliar);
    }

    /**
     * Validation: 10 photos. At >= 0.9: confidences 0.99, 0.95, 0.92 (right) and 0.91 (wrong) = 1 wrong of 4.
     * Below: six at 0.6, three of them wrong.
     */
    private static Calibration calibration() {
        float[] conf = {0.99f, 0.95f, 0.92f, 0.91f, 0.6f, 0.6f, 0.6f, 0.6f, 0.6f, 0.6f};
        boolean[] right = {true, true, true, false, true, false, true, false, true, false};
        return new Calibration(conf, right);
    }

    private Inbox inbox(List<InboxPhoto> photos) {
        return new Inbox(root, "fake", LABELS, photos, LABELS, "run-1", calibration(), 20, List.of());
    }

    @Test
    void aThresholdCountsPhotosPerClassWithTheErrorRateMeasuredOnValidation() {
        Inbox inbox = inbox(List.of(
                photo("a.png", 0.95f, false),   // cat 0.95
                photo("b.png", 0.90f, false),   // cat 0.90: at the threshold, accepted
                photo("c.png", 0.05f, false),   // dog 0.95
                photo("d.png", 0.89f, false),   // cat 0.89: below
                photo("e.png", 0.99f, true),    // cat 0.99 but out of distribution: stays
                photo("f.png", 0.50f, false))); // cat 0.5: below
        BulkPlan plan = BulkAcceptance.plan(inbox, 0.9);
        assertThat(plan.counts()).containsExactly(Map.entry("cat", 2), Map.entry("dog", 1));
        assertThat(plan.byClass().get("cat")).containsExactly("a.png", "b.png"); // most confident first
        assertThat(plan.total()).isEqualTo(3);
        assertThat(plan.unfamiliarLeft()).isEqualTo(1);
        assertThat(plan.validationPhotos()).isEqualTo(4);
        assertThat(plan.validationErrors()).isEqualTo(1);
        assertThat(plan.validationErrorRate()).isEqualTo(0.25);
        // (1 - 0.95) + (1 - 0.90) + (1 - 0.95) = 0.20 expected errors over 3 photos.
        assertThat(plan.expectedErrors()).isCloseTo(0.20, within(1e-6));
        assertThat(plan.expectedErrorRate()).isCloseTo(0.20 / 3, within(1e-6));

        BulkPlan all = BulkAcceptance.plan(inbox, 0.0);
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.validationErrorRate()).isEqualTo(0.4); // 4 wrong of 10
        BulkPlan none = BulkAcceptance.plan(inbox, 1.0);
        assertThat(none.total()).isZero();
        assertThat(none.validationErrorRate()).isNaN();
    }

    @Test
    void acceptingMovesEveryPhotoAsOneEditThatOneUndoPutsBack() throws Exception {
        Files.createDirectories(root.resolve("cat"));
        Files.createDirectories(root.resolve("dog"));
        TestImages.png(root.resolve("cat/old.png"), Color.RED, 16, 1);
        TestImages.png(root.resolve("a.png"), Color.RED, 16, 2);
        TestImages.png(root.resolve("b.png"), Color.RED, 16, 3);
        TestImages.png(root.resolve("c.png"), Color.BLUE, 16, 4);
        TestImages.png(root.resolve("old.png"), Color.RED, 16, 5); // clashes with cat/old.png
        Inbox inbox = inbox(List.of(photo("a.png", 0.95f, false), photo("b.png", 0.97f, false),
                photo("c.png", 0.02f, false), photo("old.png", 0.99f, false)));
        DatasetEditor editor = DatasetEditor.open(root);

        Edit edit = BulkAcceptance.accept(editor, BulkAcceptance.plan(inbox, 0.9)).orElseThrow();
        assertThat(edit.description()).isEqualTo("Label 4 images (cat 3, dog 1)");
        var after = new DatasetScanner().scan(root);
        assertThat(after.looseImages()).isEmpty();
        assertThat(after.countsPerClass()).containsExactly(Map.entry("cat", 4), Map.entry("dog", 1));
        assertThat(root.resolve("cat/old (2).png")).exists();
        assertThat(editor.history()).hasSize(1);

        editor.undo();
        var undone = new DatasetScanner().scan(root);
        assertThat(undone.looseImages()).containsExactly("a.png", "b.png", "c.png", "old.png");
        assertThat(undone.countsPerClass()).containsExactly(Map.entry("cat", 1), Map.entry("dog", 0));
        editor.redo();
        assertThat(new DatasetScanner().scan(root).looseImages()).isEmpty();
    }
}
