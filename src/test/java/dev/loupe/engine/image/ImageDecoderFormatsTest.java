package dev.loupe.engine.image;

import static dev.loupe.engine.image.TestImages.BLUE;
import static dev.loupe.engine.image.TestImages.GREEN;
import static dev.loupe.engine.image.TestImages.RED;
import static dev.loupe.engine.image.TestImages.WHITE;
import static dev.loupe.engine.image.TestImages.assertPixel;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported layout decodes to TYPE_INT_RGB with the right colours in the right places. */
class ImageDecoderFormatsTest {

    @TempDir
    Path dir;

    private BufferedImage roundTrip(BufferedImage img, String format, String name) throws Exception {
        Path file = TestImages.write(dir.resolve("cls").resolve(name), TestImages.encode(img, format));
        BufferedImage out = ImageDecoder.decode(file, 0);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(out.getWidth()).isEqualTo(img.getWidth());
        assertThat(out.getHeight()).isEqualTo(img.getHeight());
        return out;
    }

    private static void assertQuadrants(BufferedImage out, int tolerance) {
        int w = out.getWidth();
        int h = out.getHeight();
        assertPixel(out, w / 4, h / 4, RED, tolerance);
        assertPixel(out, 3 * w / 4, h / 4, GREEN, tolerance);
        assertPixel(out, w / 4, 3 * h / 4, BLUE, tolerance);
        assertPixel(out, 3 * w / 4, 3 * h / 4, WHITE, tolerance);
    }

    @Test
    void rgbJpeg() throws Exception {
        assertQuadrants(roundTrip(TestImages.quadrants(64, 32, RED, GREEN, BLUE, WHITE), "jpg", "a.jpg"), 40);
    }

    @Test
    void png8BitRgb() throws Exception {
        assertQuadrants(roundTrip(TestImages.quadrants(30, 20, RED, GREEN, BLUE, WHITE), "png", "a.png"), 0);
    }

    @Test
    void bmp() throws Exception {
        assertQuadrants(roundTrip(TestImages.quadrants(30, 20, RED, GREEN, BLUE, WHITE), "bmp", "a.bmp"), 0);
    }

    @Test
    void tiff() throws Exception {
        assertQuadrants(roundTrip(TestImages.quadrants(30, 20, RED, GREEN, BLUE, WHITE), "tiff", "a.tif"), 0);
    }

    @Test
    void png16BitGreyKeepsItsLevels() throws Exception {
        BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                r.setSample(x, y, 0, x < 10 ? 0x8000 : 0xFFFF);
            }
        }
        byte[] png = TestImages.encode(img, "png");
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 16);
        assertThat(png[25]).as("colour type grey").isEqualTo((byte) 0);
        Path file = TestImages.write(dir.resolve("g16.png"), png);
        BufferedImage out = ImageDecoder.decode(file, 0);
        assertPixel(out, 2, 5, 0x808080, 1);
        assertPixel(out, 15, 5, WHITE, 0);
    }

    /** Grey plus alpha has no standard BufferedImage type; Java2D would treat its levels as linear light. */
    @Test
    void png16BitGreyWithAlpha() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(8, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                r.setPixel(x, y, x < 4 ? new int[] {0x8000, 0xFFFF} : new int[] {0, 0});
            }
        }
        byte[] png = TestImages.encode(new BufferedImage(cm, r, false, null), "png");
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 16);
        assertThat(png[25]).as("colour type grey + alpha").isEqualTo((byte) 4);
        BufferedImage out = ImageDecoder.decode(TestImages.write(dir.resolve("ga16.png"), png), 0);
        assertPixel(out, 1, 1, 0x808080, 1);
        assertPixel(out, 6, 2, WHITE, 0);
    }

    @Test
    void png16BitRgb() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(8, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                r.setPixel(x, y, x < 4 ? new int[] {0xFFFF, 0, 0x8080} : new int[] {0, 0xFFFF, 0});
            }
        }
        byte[] png = TestImages.encode(new BufferedImage(cm, r, false, null), "png");
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 16);
        assertThat(png[25]).as("colour type RGB").isEqualTo((byte) 2);
        BufferedImage out = ImageDecoder.decode(TestImages.write(dir.resolve("c16.png"), png), 0);
        assertPixel(out, 1, 1, 0xFF0080, 1);
        assertPixel(out, 6, 2, GREEN, 0);
    }

    @Test
    void palettePngWithTransparentEntryBecomesWhite() throws Exception {
        byte[] reds = {(byte) 255, 0, 0};
        byte[] greens = {0, 0, 0};
        byte[] blues = {0, (byte) 255, 0};
        IndexColorModel cm = new IndexColorModel(2, 3, reds, greens, blues, 2); // entry 2 is transparent
        BufferedImage img = new BufferedImage(9, 3, BufferedImage.TYPE_BYTE_INDEXED, cm);
        for (int x = 0; x < 9; x++) {
            for (int y = 0; y < 3; y++) {
                img.getRaster().setSample(x, y, 0, x / 3);
            }
        }
        byte[] png = TestImages.encode(img, "png");
        assertThat(png[25]).as("colour type palette").isEqualTo((byte) 3);
        BufferedImage out = ImageDecoder.decode(TestImages.write(dir.resolve("p.png"), png), 0);
        assertPixel(out, 1, 1, RED, 0);
        assertPixel(out, 4, 1, BLUE, 0);
        assertPixel(out, 7, 1, WHITE, 0);
    }

    @Test
    void pngAlphaIsCompositedOverWhite() throws Exception {
        BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                img.setRGB(x, y, x < 10 ? 0x00000000 : 0x80FF0000); // clear black | half-transparent red
            }
        }
        BufferedImage out = roundTrip(img, "png", "alpha.png");
        assertPixel(out, 3, 3, WHITE, 0);
        assertPixel(out, 15, 3, 0xFF7F7F, 2);
    }

    @Test
    void animatedGifGivesTheFirstFrame() throws Exception {
        Path file = dir.resolve("anim.gif");
        Gifs.writeAnimated(file, TestImages.quadrants(16, 16, RED, RED, RED, RED),
                TestImages.quadrants(16, 16, BLUE, BLUE, BLUE, BLUE));
        assertThat(Gifs.frameCount(file)).isEqualTo(2);
        BufferedImage out = ImageDecoder.decode(file, 0);
        assertThat(out.getWidth()).isEqualTo(16);
        assertPixel(out, 8, 8, RED, 0);
    }

    @Test
    void cmykJpegDecodesToItsColours() throws Exception {
        Path file = TestImages.write(dir.resolve("cmyk.jpg"), AdobeJpegs.cmykRedBlue(false));
        assertThat(AdobeJpegs.adobeTransform(file)).isEqualTo(0);
        assertRedThenBlue(ImageDecoder.decode(file, 0));
    }

    @Test
    void ycckJpegDecodesToItsColours() throws Exception {
        Path file = TestImages.write(dir.resolve("ycck.jpg"), AdobeJpegs.cmykRedBlue(true));
        assertThat(AdobeJpegs.adobeTransform(file)).isEqualTo(2);
        assertRedThenBlue(ImageDecoder.decode(file, 0));
    }

    /** Left half printed red (C0 M100 Y100 K0), right half printed blue (C100 M100 Y0 K0). */
    private static void assertRedThenBlue(BufferedImage out) {
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(out.getWidth()).isEqualTo(32);
        int[] red = TestImages.rgb(out.getRGB(8, 8));
        int[] blue = TestImages.rgb(out.getRGB(24, 8));
        assertThat(red[0]).as("red half, R").isGreaterThan(180);
        assertThat(red[1]).as("red half, G").isLessThan(90);
        assertThat(red[2]).as("red half, B").isLessThan(90);
        assertThat(blue[2]).as("blue half, B").isGreaterThan(100).isGreaterThan(blue[0] + 50);
        assertThat(blue[1]).as("blue half, G").isLessThan(120);
    }
}
