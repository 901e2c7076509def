package dev.loupe.engine.explain;

import dev.loupe.engine.backbone.InputSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Drawing a map over the photo: clipped and scaled, upsampled between cell centres, over the part the network saw. */
class HeatMapTest {

    private static final InputSpec STRETCH = new InputSpec(224, 224, InputSpec.ChannelOrder.RGB,
            InputSpec.Scaling.MINUS_ONE_TO_ONE, InputSpec.Layout.NCHW, 1, InputSpec.Fit.STRETCH);
    private static final InputSpec CROP = new InputSpec(224, 224, InputSpec.ChannelOrder.RGB,
            InputSpec.Scaling.MINUS_ONE_TO_ONE, InputSpec.Layout.NCHW, 1, InputSpec.Fit.CENTRE_CROP);

    @Test
    void showsPositiveEvidenceOnlyWithTheHottestCellAtOne() {
        HeatMap map = new HeatMap("a", 0, 0.9, 2, 2, new float[]{-3, 1, 2, 4}, STRETCH);
        assertThat(map.normalised()).containsExactly(0f, 0.25f, 0.5f, 1f);
        assertThat(map.peak()).isEqualTo(3);
        assertThat(new HeatMap("a", 0, 0.9, 2, 2, new float[]{-3, -1, -2, -4}, STRETCH).normalised())
                .containsOnly(0f);
    }

    @Test
    void upsamplesBetweenCellCentresHoldingTheEdges() {
        HeatMap map = new HeatMap("a", 0, 0.9, 2, 1, new float[]{0, 4}, STRETCH);
        float[] row = map.upsample(8, 1);
        // Cells 4 px wide, centred at x = 2 and 6; pixel x is centred at x + 0.5: held outside, linear between.
        assertThat(row[0]).isEqualTo(0f);
        assertThat(row[1]).isEqualTo(0f);
        assertThat(row[3]).isCloseTo(0.375f, within(1e-6f));
        assertThat(row[6]).isEqualTo(1f);
        assertThat(row[7]).isEqualTo(1f);
        assertThat(map.onPhoto(8, 1)).containsExactly(row);
    }

    @Test
    void aCentreCropModelsMapCoversTheCropAndNothingElse() {
        HeatMap map = new HeatMap("a", 0, 0.9, 1, 1, new float[]{2}, CROP);
        float[] wide = map.onPhoto(200, 100);
        assertThat(wide[50 * 200 + 49]).as("left of the crop").isZero();
        assertThat(wide[50 * 200 + 50]).as("the crop's first column").isEqualTo(1f);
        assertThat(wide[50 * 200 + 149]).as("its last").isEqualTo(1f);
        assertThat(wide[50 * 200 + 150]).as("right of the crop").isZero();
        int[] argb = HeatMapPainter.overlay(map, 200, 100, 0.5);
        assertThat(argb[10] >>> 24).as("nothing drawn where the network did not look").isZero();
        assertThat(argb[100] >>> 24).isEqualTo(Math.round(255 * 0.5f));
    }
}
