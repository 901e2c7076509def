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
            BufferedImage a = Augmentation.variant(src, "abc", k);
            BufferedImage b = Augmentation.variant(noise(300, 200, 1), "abc", k);
            assertThat(a.getWidth()).isEqualTo(b.getWidth());
            assertThat(pixels(a)).isEqualTo(pixels(b));
        }
    }

    @Test
    void variantsDifferFromEachOtherAndFromTheOriginalAndDependOnTheHash() {
        BufferedImage src = noise(300, 200, 1);
        int[] v0 = pixels(Augmentation.variant(src, "abc", 0));
        assertThat(v0).isNotEqualTo(pixels(Augmentation.variant(src, "abc", 1)));
        assertThat(v0).isNotEqualTo(pixels(Augmentation.variant(src, "abd", 0)));
        assertThat(v0).isNotEqualTo(pixels(src));
    }

    @Test
    void aVariantKeepsMostOfThePictureAndLeavesTheSourceAlone() {
        BufferedImage src = noise(300, 200, 1);
        int[] before = pixels(src);
        for (int k = 0; k < 20; k++) {
            BufferedImage v = Augmentation.variant(src, "h", k);
            // 80-100% of the area with the aspect ratio changed by up to 4:3, clamped to the source.
            assertThat((double) v.getWidth() * v.getHeight()).isGreaterThan(0.55 * 300 * 200);
            assertThat(v.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        }
        assertThat(pixels(src)).isEqualTo(before);
    }

    @Test
    void theCacheKeyNamesHashVersionAndVariant() {
        assertThat(Augmentation.key("abc", 3)).isEqualTo("abc#aug" + Augmentation.VERSION + ":3");
    }
}
