package dev.loupe.engine.inbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiverseUncertaintyTest {

    /** A unit vector along {@code axis} of 10. */
    private static float[] along(int axis) {
        float[] v = new float[10];
        v[axis] = 1;
        return v;
    }

    @Test
    void takesOnePhotoPerGroupOfTheMostUncertainNotTheTopNearDuplicates() {
        // 60 photos, most uncertain first: the first 41 are near-duplicates (one direction), then one photo in each
        // of 9 other directions among the 50 candidates, and 10 more beyond them.
        List<Integer> ranked = new ArrayList<>();
        float[][] features = new float[60][];
        for (int i = 0; i < 60; i++) {
            ranked.add(i);
            features[i] = i <= 40 ? along(0) : along(1 + (i - 41) % 9);
            features[i][9] += i * 1e-4f; // no two exactly alike
        }
        List<Integer> picked = DiverseUncertainty.pick(ranked, features, 10, 7);
        // The most uncertain of the duplicates, then the first photo of each other direction, in rank order;
        // margin alone would take photos 0-9, nine of them duplicates of the first.
        assertThat(picked).containsExactly(0, 41, 42, 43, 44, 45, 46, 47, 48, 49);
        assertThat(DiverseUncertainty.pick(ranked, features, 10, 7)).isEqualTo(picked);
    }

    @Test
    void fewerCandidatesThanPhotosToPickAreAllTakenAndExactDuplicatesDoNotBreakIt() {
        float[][] same = {along(0), along(0), along(0), along(0), along(0), along(0)};
        assertThat(DiverseUncertainty.pick(List.of(2, 0, 1), same, 5, 1)).containsExactly(2, 0, 1);
        assertThat(DiverseUncertainty.pick(List.of(5, 4, 3, 2, 1, 0), same, 2, 1)).hasSize(2).startsWith(5);
    }
}
