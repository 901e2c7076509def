package dev.loupe.engine.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AugmentationTest {

    private static BufferedImage noise(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // A gradient plus noise, so flips, crops and rotations all change the pixels.
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | r.nextInt(256));
            }
        }
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void aVariantHasTheSamePixelsEveryTime() {
        BufferedImage src = noise(300, 200, 1);
        for (int k = 0; k < 4; k++) {
            BufferedImage a = Augmentation.variant(src, "abc", k, true);
            BufferedImage b = Augmentation.variant(noise(300, 200, 1), "abc", k, true);
            assertThat(a.getWidth()).isEqualTo(b.getWidth());
            assertThat(pixels(a)).isEqualTo(pixels(b));
        }
    }

    @Test
    void variantsDifferFromEachOtherAndFromTheOriginalAndDependOnTheHash() {
        BufferedImage src = noise(300, 200, 1);
        int[] v0 = pixels(Augmentation.variant(src, "abc", 0, false));
        assertThat(v0).isNotEqualTo(pixels(Augmentation.variant(src, "abc", 1, false)));
        assertThat(v0).isNotEqualTo(pixels(Augmentation.variant(src, "abd", 0, false)));
        assertThat(v0).isNotEqualTo(pixels(src));
    }

    @Test
    void aVariantKeepsMostOfThePictureAndLeavesTheSourceAlone() {
        BufferedImage src = noise(300, 200, 1);
        int[] before = pixels(src);
        for (int k = 0; k < 20; k++) {
            BufferedImage v = Augmentation.variant(src, "h", k, k % 2 == 0);
            // 80-100% of the area with the aspect ratio changed by up to 4:3, clamped to the source.
            assertThat((double) v.getWidth() * v.getHeight()).isGreaterThan(0.55 * 300 * 200);
            assertThat(v.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        }
        assertThat(pixels(src)).isEqualTo(before);
    }

    @Test
    void theCacheKeyNamesHashVersionColourAndVariant() {
        String plain = Augmentation.key("abc", 3, false);
        String colour = Augmentation.key("abc", 3, true);
        assertThat(plain).isEqualTo("abc#aug" + Augmentation.VERSION + ":3");
        assertThat(colour).isEqualTo("abc#aug" + Augmentation.VERSION + "c:3");
        assertThat(Augmentation.indexOf(plain)).isEqualTo(3);
        assertThat(Augmentation.indexOf(colour)).isEqualTo(3);
        assertThat(Augmentation.colourOf(plain)).isFalse();
        assertThat(Augmentation.colourOf(colour)).isTrue();
    }

    /**
     * Without colour changes a variant only moves pixels: a photo of one flat colour stays exactly that colour
     * (issue 18: colour can be what tells the classes apart). With them, its colour changes.
     */
    @Test
    void onlyAskedForVariantsChangeColours() {
        BufferedImage flat = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        int teal = 0x2A8C8C;
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 120; x++) {
                flat.setRGB(x, y, teal);
            }
        }
        int changed = 0;
        for (int k = 0; k < 8; k++) {
            assertThat(largestChannelShift(Augmentation.variant(flat, "h" + k, k, false), teal)).isLessThanOrEqualTo(1);
            changed += largestChannelShift(Augmentation.variant(flat, "h" + k, k, true), teal) > 3 ? 1 : 0;
        }
        assertThat(changed).as("variants with colour changes whose colour moved").isGreaterThanOrEqualTo(6);
    }

    /** How far the centre pixel's red, green or blue moved from {@code rgb}, in levels. */
    private static int largestChannelShift(BufferedImage img, int rgb) {
        int p = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
        int shift = 0;
        for (int s = 0; s <= 16; s += 8) {
            shift = Math.max(shift, Math.abs(((p >> s) & 0xFF) - ((rgb >> s) & 0xFF)));
        }
        return shift;
    }
}
