package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MirroredPairsTest {

    @Test
    void mirrorsEachImageLeftToRightInEitherLayout() {
        for (InputSpec.Layout layout : InputSpec.Layout.values()) {
            InputSpec spec = spec(layout);
            float[] pixels = numbered(2 * spec.valuesPerImage());
            float[] mirrored = MirroredPairs.mirror(pixels, 2, spec);
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 3; y++) {
                        for (int x = 0; x < 4; x++) {
                            assertThat(mirrored[at(layout, n, c, y, x)]).isEqualTo(pixels[at(layout, n, c, y, 3 - x)]);
                        }
                    }
                }
            }
            assertThat(MirroredPairs.mirror(mirrored, 2, spec)).containsExactly(pixels);
        }
    }

    @Test
    void givesThePhotosFeaturesThenItsMirrorsSideBySide() {
        // Features: left half's mean minus right half's, per channel; a mirror negates them.
        FeatureExtractor halves = new Halves();
        float[] pixels = numbered(2 * halves.inputSpec().valuesPerImage());
        float[][] pairs = new MirroredPairs(halves).extract(pixels, 2);
        float[][] plain = halves.extract(pixels, 2);
        assertThat(new MirroredPairs(halves).featureDim()).isEqualTo(6);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                assertThat(pairs[n][c]).isEqualTo(plain[n][c]);
                assertThat(pairs[n][3 + c]).isCloseTo(-plain[n][c], org.assertj.core.api.Assertions.within(1e-4f));
            }
        }
    }

    private static InputSpec spec(InputSpec.Layout layout) {
        return new InputSpec(4, 3, InputSpec.ChannelOrder.RGB, InputSpec.Scaling.ZERO_TO_ONE, layout, 1);
    }

    private static int at(InputSpec.Layout layout, int n, int c, int y, int x) {
        return layout == InputSpec.Layout.NCHW ? ((n * 3 + c) * 3 + y) * 4 + x : ((n * 3 + y) * 4 + x) * 3 + c;
    }

    private static float[] numbered(int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = i * i % 97;
        }
        return v;
    }

    /** Left half's mean minus the right half's, per channel, of 4x3 NCHW images. */
    private static final class Halves implements FeatureExtractor {
        @Override public String backboneId() { return "halves"; }
        @Override public InputSpec inputSpec() { return spec(InputSpec.Layout.NCHW); }
        @Override public int featureDim() { return 3; }
        @Override public int batchSize() { return 2; }
        @Override public void close() { }

        @Override
        public float[][] extract(float[] pixels, int count) {
            float[][] out = new float[count][3];
            for (int n = 0; n < count; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 3; y++) {
                        for (int x = 0; x < 4; x++) {
                            out[n][c] += (x < 2 ? 1 : -1) * pixels[at(InputSpec.Layout.NCHW, n, c, y, x)] / 6f;
                        }
                    }
                }
            }
            return out;
        }
    }
}
