package dev.loupe.engine.inbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InboxOrdersTest {

    private static final List<String> LABELS = List.of("cat", "dog", "fox");

    static InboxPhoto photo(String path, float... p) {
        return new InboxPhoto(path, null, path, new float[] {p.length, 1}, p.length == 0 ? null
                : Suggestion.of(p, LABELS), 0.9f, false);
    }

    @Test
    void marginIsTopMinusSecondAndEntropyIsInBits() {
        assertThat(Uncertainty.margin(new float[] {0.2f, 0.5f, 0.3f})).isCloseTo(0.2f, within(1e-6f));
        assertThat(Uncertainty.margin(new float[] {0.5f, 0.5f, 0f})).isZero();
        assertThat(Uncertainty.margin(new float[] {1f, 0f, 0f})).isEqualTo(1f);
        assertThat(Uncertainty.entropy(new float[] {0.5f, 0.5f, 0f})).isCloseTo(1f, within(1e-6f));
        assertThat(Uncertainty.entropy(new float[] {0.25f, 0.25f, 0.25f, 0.25f})).isCloseTo(2f, within(1e-6f));
        assertThat(Uncertainty.entropy(new float[] {1f, 0f})).isZero();
    }

    @Test
    void aSuggestionNamesTheTopClassWithItsFigures() {
        Suggestion s = Suggestion.of(new float[] {0.1f, 0.45f, 0.45f}, LABELS);
        assertThat(s.label()).isEqualTo("dog"); // the first of equals
        assertThat(s.confidence()).isEqualTo(0.45f);
        assertThat(s.margin()).isZero();
        assertThat(s.lowConfidence()).isTrue();
        assertThat(Suggestion.of(new float[] {0.05f, 0.9f, 0.05f}, LABELS).lowConfidence()).isFalse();
    }

    @Test
    void uncertainFirstIsSmallestMarginFirstWithTiesByPathAndUnsuggestedLast() {
        List<InboxPhoto> photos = List.of(
                photo("e.jpg"),                          // no suggestion
                photo("d.jpg", 0.9f, 0.05f, 0.05f),      // margin 0.85
                photo("c.jpg", 0.4f, 0.35f, 0.25f),      // margin 0.05
                photo("b.jpg", 0.6f, 0.3f, 0.1f),        // margin 0.30
                photo("a.jpg", 0.25f, 0.40f, 0.35f));    // margin 0.05, ties with c: path decides
        assertThat(paths(InboxOrders.sort(photos, InboxOrder.UNCERTAIN, LABELS)))
                .containsExactly("a.jpg", "c.jpg", "b.jpg", "d.jpg", "e.jpg");
        assertThat(paths(InboxOrders.sort(photos, InboxOrder.CONFIDENT, LABELS)))
                .containsExactly("d.jpg", "b.jpg", "a.jpg", "c.jpg", "e.jpg");
        // By class in the model's order (cat: b, c, d; dog: a), most confident first within each.
        assertThat(paths(InboxOrders.sort(photos, InboxOrder.CLASS, LABELS)))
                .containsExactly("d.jpg", "b.jpg", "c.jpg", "a.jpg", "e.jpg");
    }

    @Test
    void anOrderDoesNotDependOnTheOrderThePhotosCameIn() {
        List<InboxPhoto> photos = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float top = 0.4f + (i % 4) * 0.1f; // many ties
            photos.add(photo(String.format("p%02d.jpg", i), top, 1 - top, 0f));
        }
        List<String> once = paths(InboxOrders.sort(photos, InboxOrder.UNCERTAIN, LABELS));
        java.util.Collections.shuffle(photos, new java.util.Random(7));
        assertThat(paths(InboxOrders.sort(photos, InboxOrder.UNCERTAIN, LABELS))).isEqualTo(once);
    }

    @Test
    void uncertainDiverseTakesTheNextRetrainsPhotosFromDifferentGroupsThenSmallestMarginFirst() {
        // Eleven near-duplicates (a00 most uncertain), one photo unlike them (b), one without a suggestion (c).
        List<InboxPhoto> photos = new java.util.ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            float top = 0.5f + i * 0.01f;
            photos.add(new InboxPhoto(String.format("a%02d.jpg", i), null, "a" + i, new float[] {1, i * 1e-3f, 0},
                    Suggestion.of(new float[] {top, 1 - top, 0}, LABELS), 0.9f, false));
        }
        photos.add(new InboxPhoto("b.jpg", null, "b", new float[] {0, 0, 1},
                Suggestion.of(new float[] {0.9f, 0.1f, 0}, LABELS), 0.9f, false));
        photos.add(photo("c.jpg"));
        List<String> margin = paths(InboxOrders.sort(photos, InboxOrder.UNCERTAIN, LABELS));
        assertThat(margin.indexOf("b.jpg")).isEqualTo(11);

        List<String> spread = paths(InboxOrders.sort(photos, InboxOrder.UNCERTAIN_DIVERSE, LABELS));
        int n = AutoRetrain.DEFAULT_EVERY;
        // The ten before the next retrain: the most uncertain first, and b, which margin alone leaves for last.
        assertThat(spread.get(0)).isEqualTo("a00.jpg");
        assertThat(spread.subList(0, n)).contains("b.jpg").isSortedAccordingTo(
                java.util.Comparator.comparingInt(margin::indexOf));
        // Then the near-duplicates left out, smallest margin first, and the photo without a suggestion last.
        assertThat(spread.subList(n, spread.size())).isSortedAccordingTo(
                java.util.Comparator.comparingInt(margin::indexOf)).endsWith("c.jpg");
        assertThat(spread).containsExactlyInAnyOrderElementsOf(margin);
        java.util.Collections.shuffle(photos, new java.util.Random(3));
        assertThat(paths(InboxOrders.sort(photos, InboxOrder.UNCERTAIN_DIVERSE, LABELS))).isEqualTo(spread);
    }

    @Test
    void similarToPutsTheMostSimilarFeaturesFirst() {
        InboxPhoto a = new InboxPhoto("a.jpg", null, "a", new float[] {1, 0}, null, Float.NaN, false);
        InboxPhoto b = new InboxPhoto("b.jpg", null, "b", new float[] {0, 1}, null, Float.NaN, false);
        InboxPhoto c = new InboxPhoto("c.jpg", null, "c", new float[] {1, 1}, null, Float.NaN, false);
        assertThat(paths(InboxOrders.similarTo(List.of(a, b, c), new float[] {0, 2})))
                .containsExactly("b.jpg", "c.jpg", "a.jpg");
    }

    static List<String> paths(List<InboxPhoto> photos) {
        return photos.stream().map(InboxPhoto::path).toList();
    }
}
