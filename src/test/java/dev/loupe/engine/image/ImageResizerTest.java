package dev.loupe.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageResizerTest {

    /** One-pixel black and white checkerboard: the worst case for aliasing. */
    private static BufferedImage checkerboard(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x + y) % 2 == 0 ? 0 : 0xFFFFFF);
            }
        }
        return img;
    }

    @Test
    void bigDownscaleAveragesInsteadOfAliasing() {
        BufferedImage out = ImageResizer.resize(checkerboard(1600, 1200), 97, 73);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(out.getWidth()).isEqualTo(97);
        assertThat(out.getHeight()).isEqualTo(73);
        // Not an integer factor: a single bilinear step would land between pixels unevenly and show moire.
        for (int y = 0; y < 73; y++) {
            for (int x = 0; x < 97; x++) {
                int grey = out.getRGB(x, y) & 0xFF;
                assertThat(grey).as("pixel (%d, %d)", x, y).isBetween(112, 143);
            }
        }
    }

    @Test
    void keepsColoursInPlace() {
        BufferedImage src = TestImages.quadrants(1000, 600, TestImages.RED, TestImages.GREEN, TestImages.BLUE,
                TestImages.WHITE);
        BufferedImage out = ImageResizer.resize(src, 224, 224);
        TestImages.assertPixel(out, 50, 50, TestImages.RED, 0);
        TestImages.assertPixel(out, 170, 50, TestImages.GREEN, 0);
        TestImages.assertPixel(out, 50, 170, TestImages.BLUE, 0);
        TestImages.assertPixel(out, 170, 170, TestImages.WHITE, 0);
    }

    @Test
    void upscalesAndConvertsAlphaOverWhite() {
        BufferedImage src = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB); // fully transparent
        BufferedImage out = ImageResizer.resize(src, 40, 30);
        assertThat(out.getWidth()).isEqualTo(40);
        assertThat(out.getHeight()).isEqualTo(30);
        TestImages.assertPixel(out, 20, 15, TestImages.WHITE, 0);
    }

    @Test
    void sameSizeReturnsACopyNotTheSource() {
        BufferedImage src = TestImages.quadrants(8, 8, 1, 2, 3, 4);
        BufferedImage out = ImageResizer.resize(src, 8, 8);
        assertThat(out).isNotSameAs(src);
        assertThat(out.getRGB(1, 1)).isEqualTo(src.getRGB(1, 1));
    }

    @Test
    void thumbnailKeepsAspectRatioAndNeverEnlarges() {
        BufferedImage wide = ImageResizer.thumbnail(new BufferedImage(400, 200, BufferedImage.TYPE_3BYTE_BGR), 100);
        assertThat(wide.getWidth()).isEqualTo(100);
        assertThat(wide.getHeight()).isEqualTo(50);
        BufferedImage tall = ImageResizer.thumbnail(new BufferedImage(300, 1200, BufferedImage.TYPE_INT_RGB), 120);
        assertThat(tall.getWidth()).isEqualTo(30);
        assertThat(tall.getHeight()).isEqualTo(120);
        BufferedImage small = ImageResizer.thumbnail(new BufferedImage(50, 20, BufferedImage.TYPE_BYTE_GRAY), 120);
        assertThat(small.getWidth()).isEqualTo(50);
        assertThat(small.getHeight()).isEqualTo(20);
        assertThat(small.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        BufferedImage sliver = ImageResizer.thumbnail(new BufferedImage(5000, 2, BufferedImage.TYPE_INT_RGB), 100);
        assertThat(sliver.getHeight()).isEqualTo(1);
    }

    @Test
    void rejectsEmptySizes() {
        BufferedImage src = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> ImageResizer.resize(src, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageResizer.thumbnail(src, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
