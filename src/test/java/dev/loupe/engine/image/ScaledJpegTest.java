package dev.loupe.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEGs decoded in the DCT domain by libjpeg-turbo ({@link ScaledJpeg}) against ImageIO's decoding of the same files:
 * the scale chosen, the pixels (an average of ImageIO's at 1/2 to 1/8), orientation, grey, and the files that must
 * keep ImageIO's route (CMYK, cut-off data).
 */
class ScaledJpegTest {

    @TempDir
    static Path dir;
    private static Path photo;

    @BeforeAll
    static void aPhoto() throws Exception {
        // A smooth picture with sensor-like noise, 1600 x 1200: what a camera's JPEG holds, at a test's size.
        photo = TestImages.write(dir.resolve("photo.jpg"), TestImages.encode(noisyGradient(1600, 1200, false), "jpg"));
    }

    @Test
    void theNativeLibraryLoadsOnTheBuildMachine() {
        // The project ships its natives for every OS it builds on; a machine without them would silently be slow.
        assertThat(ScaledJpeg.available()).isTrue();
    }

    @Test
    void reductionIsTheSmallestScaleThatStillCoversTheTarget() {
        assertThat(ScaledJpeg.reduction(4032, 3024, 224)).isEqualTo(8);   // 504 x 378
        assertThat(ScaledJpeg.reduction(4032, 3024, 400)).isEqualTo(4);   // 378 would be too small
        assertThat(ScaledJpeg.reduction(3024, 4032, 256)).isEqualTo(8);   // the shorter side counts, either way up
        assertThat(ScaledJpeg.reduction(640, 480, 224)).isEqualTo(2);
        assertThat(ScaledJpeg.reduction(320, 240, 224)).isEqualTo(1);
        assertThat(ScaledJpeg.reduction(1790, 1790, 224)).isEqualTo(8);   // libjpeg rounds 223.75 up to 224
        assertThat(ScaledJpeg.reduction(1784, 1784, 224)).isEqualTo(4);   // 1784 / 8 = 223
        assertThat(ScaledJpeg.reduction(4032, 3024, 0)).isEqualTo(1);     // the whole picture
    }

    @Test
    void scaledPixelsAreImageIosAveraged() throws Exception {
        int[][] targetAndReduction = {{150, 8}, {300, 4}, {600, 2}};
        for (int[] t : targetAndReduction) {
            BufferedImage scaled = ImageDecoder.decode(photo, t[0]);
            int reduction = t[1];
            assertThat(scaled.getWidth()).as("target %d", t[0]).isEqualTo(1600 / reduction);
            assertThat(scaled.getHeight()).isEqualTo(1200 / reduction);
            assertCloseToAverages(scaled, ImageDecoder.decode(photo, null, 0, false), reduction);
        }
    }

    @Test
    void fullSizeIsImageIosPixelsExactly() throws Exception {
        BufferedImage fast = ImageDecoder.decode(photo, 0);
        BufferedImage reference = ImageDecoder.decode(photo, null, 0, false);
        assertThat(pixels(fast)).isEqualTo(pixels(reference));
    }

    @Test
    void orientationIsAppliedAfterScaling() throws Exception {
        Path rotated = Files.write(dir.resolve("rotated.jpg"),
                TestImages.withExifOrientation(Files.readAllBytes(photo), 6, false));
        BufferedImage upright = ImageDecoder.decode(rotated, 150);
        BufferedImage stored = ImageDecoder.decode(photo, 150);
        assertThat(upright.getWidth()).isEqualTo(stored.getHeight());
        assertThat(upright.getHeight()).isEqualTo(stored.getWidth());
        assertThat(pixels(upright)).isEqualTo(pixels(ExifOrientation.apply(stored, 6)));
    }

    @Test
    void greyJpegsScaleToGrey() throws Exception {
        Path grey = TestImages.write(dir.resolve("grey.jpg"), TestImages.encode(noisyGradient(800, 600, true), "jpg"));
        assertThat(JpegHeader.read(grey).components()).isEqualTo(1);
        BufferedImage scaled = ImageDecoder.decode(grey, 150);
        assertThat(scaled.getHeight()).isEqualTo(150);
        int p = scaled.getRGB(10, 10) & 0xFFFFFF;
        assertThat(p >> 16).isEqualTo(p & 0xFF);
        assertCloseToAverages(scaled, ImageDecoder.decode(grey, null, 0, false), 4);
    }

    @Test
    void cmykKeepsImageIosRoute() throws Exception {
        Path cmyk = TestImages.write(dir.resolve("cmyk.jpg"), AdobeJpegs.cmykRedBlue(false));
        assertThat(pixels(ImageDecoder.decode(cmyk, 0))).isEqualTo(pixels(ImageDecoder.decode(cmyk, null, 0, false)));
    }

    @Test
    void aCutOffPhotoIsReportedAsImageIoReportsIt() throws Exception {
        byte[] jpeg = Files.readAllBytes(photo);
        Path cut = TestImages.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        for (int target : new int[] {0, 150}) {
            assertThatThrownBy(() -> ImageDecoder.decode(cut, target))
                    .isInstanceOf(ImageDecodeException.class)
                    .hasMessageEndingWith("cut.jpg: truncated or corrupt JPEG data");
        }
        // OpenCV would pad it with grey and only warn: the missing end marker keeps it from OpenCV.
        assertThat(ScaledJpeg.completeLength(Files.readAllBytes(cut), JpegHeader.read(cut).scanOffset())).isEqualTo(-1);
    }

    @Test
    void bytesAfterTheEndMarkerAreIgnored() throws Exception {
        // Phones append a video (motion photos) or their own records after the picture's end.
        byte[] jpeg = Files.readAllBytes(photo);
        byte[] trailer = new byte[200_000];
        new Random(3).nextBytes(trailer);
        byte[] motion = Arrays.copyOf(jpeg, jpeg.length + trailer.length);
        System.arraycopy(trailer, 0, motion, jpeg.length, trailer.length);
        Path file = TestImages.write(dir.resolve("motion.jpg"), motion);
        assertThat(ScaledJpeg.completeLength(motion, JpegHeader.read(file).scanOffset())).isEqualTo(jpeg.length);
        assertThat(pixels(ImageDecoder.decode(file, 150))).isEqualTo(pixels(ImageDecoder.decode(photo, 150)));
    }

    /** Each pixel of {@code scaled} against the mean of its reduction x reduction block of {@code full}. */
    private static void assertCloseToAverages(BufferedImage scaled, BufferedImage full, int reduction) {
        double sum = 0;
        int max = 0;
        int n = 0;
        for (int y = 0; y < scaled.getHeight(); y++) {
            for (int x = 0; x < scaled.getWidth(); x++) {
                int a = scaled.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int mean = blockMean(full, x * reduction, y * reduction, reduction, shift);
                    int d = Math.abs((a >> shift & 0xFF) - mean);
                    sum += d;
                    max = Math.max(max, d);
                    n++;
                }
            }
        }
        // Not equal: libjpeg's reduced transform works on quantised coefficients and rounds; an average all the same.
        assertThat(sum / n).as("mean difference at 1/%d", reduction).isLessThan(1.5);
        assertThat(max).as("largest difference at 1/%d", reduction).isLessThan(24);
    }

    private static int blockMean(BufferedImage full, int x0, int y0, int size, int shift) {
        int sum = 0;
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                sum += full.getRGB(x, y) >> shift & 0xFF;
            }
        }
        return Math.round(sum / (float) (size * size));
    }

    private static BufferedImage noisyGradient(int w, int h, boolean grey) {
        BufferedImage img = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(40 + 170 * x / w + (int) (random.nextGaussian() * 4));
                int g = clamp(200 - 150 * y / h + (int) (random.nextGaussian() * 4));
                int b = clamp(90 + 60 * (x + y) / (w + h) + (int) (random.nextGaussian() * 4));
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }
}
