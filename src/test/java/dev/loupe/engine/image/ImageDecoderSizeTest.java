package dev.loupe.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Huge pictures are subsampled while read: the result is just big enough, and the full picture never exists. */
class ImageDecoderSizeTest {

    private static final int SIDE = 12_000;

    @TempDir
    static Path dir;

    static Path huge;

    @BeforeAll
    static void writeHugePng() throws Exception {
        huge = BigPngs.writeRedCornerOnWhite(dir.resolve("big").resolve("huge.png"), SIDE, SIDE);
    }

    @Test
    void hugePngIsSubsampledToJustAboveTheTarget() throws Exception {
        assertThat(Files.size(huge)).isLessThan(2_000_000);
        assertThat(ImageProbe.readSize(huge)).isEqualTo(new Dimension(SIDE, SIDE));

        BufferedImage out = ImageDecoder.decode(huge, 224);

        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(Math.min(out.getWidth(), out.getHeight())).isGreaterThanOrEqualTo(224).isLessThan(448);
        assertThat(out.getWidth()).isEqualTo(out.getHeight());
        TestImages.assertPixel(out, 5, 5, TestImages.RED, 0);
        TestImages.assertPixel(out, out.getWidth() - 5, 5, TestImages.WHITE, 0);
        TestImages.assertPixel(out, 5, out.getHeight() - 5, TestImages.WHITE, 0);
    }

    @Test
    void hugePngDecodesInASmallHeap() throws Exception {
        String output = decodeInChildJvm(224);
        assertThat(output).contains("decoded 227x227 rgb ff0000"); // step 53: ceil(12000 / 53) = 227
    }

    /** The control for the test above: without subsampling the same heap is far too small. */
    @Test
    void withoutSubsamplingTheSmallHeapIsTooSmallAndSaysSo() throws Exception {
        String output = decodeInChildJvm(0);
        assertThat(output).contains("ImageDecodeException")
                .contains("big/huge.png: too large to decode in the memory available")
                .doesNotContain("decoded ");
    }

    /** Decoded whole, the picture needs 432 MB as bytes and 576 MB as TYPE_INT_RGB; the child gets 160 MB. */
    private static String decodeInChildJvm(int target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("child-" + target + ".log");
        Process child = new ProcessBuilder(List.of(java, "-Xmx160m", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), DecodeInSmallHeap.class.getName(),
                huge.toString(), Integer.toString(target)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isEqualTo(output.contains("decoded ") ? 0 : 1);
        return output;
    }

    @Test
    void subsamplingStepKeepsShorterSideBetweenTargetAndTwiceTarget() {
        int[][] cases = {{12_000, 12_000, 224}, {4032, 3024, 224}, {3024, 4032, 300}, {500, 449, 224},
            {447, 2000, 224}, {100, 80, 224}, {1000, 1000, 1}};
        for (int[] c : cases) {
            int step = ImageDecoder.subsampling(c[0], c[1], c[2]);
            int shorter = Math.min(c[0], c[1]);
            int result = (shorter + step - 1) / step; // ImageIO keeps pixels 0, step, 2 step...
            String what = c[0] + "x" + c[1] + " -> " + c[2];
            assertThat(step).as(what).isPositive();
            if (shorter >= c[2]) {
                assertThat(result).as(what).isGreaterThanOrEqualTo(c[2]).isLessThan(2 * c[2] + 1);
            } else {
                assertThat(step).as(what).isEqualTo(1);
            }
        }
        assertThat(ImageDecoder.subsampling(5000, 5000, 0)).isEqualTo(1);
    }

    @Test
    void jpegIsSubsampledToo() throws Exception {
        BufferedImage img = TestImages.quadrants(2000, 1000, TestImages.RED, TestImages.GREEN, TestImages.BLUE,
                TestImages.WHITE);
        Path file = TestImages.write(dir.resolve("jpg").resolve("wide.jpg"), TestImages.encode(img, "jpg"));
        BufferedImage out = ImageDecoder.decode(file, 300);
        // libjpeg-turbo's DCT scaling gives 1/2 (1000 x 500: 1/4 would not cover 300); ImageIO's fallback keeps every
        // third pixel (667 x 334). Either way: smaller, still covering the size asked, the shape kept.
        assertThat(out.getHeight()).isBetween(300, 600);
        assertThat(out.getWidth()).isBetween(2 * out.getHeight() - 1, 2 * out.getHeight() + 1);
        TestImages.assertPixel(out, out.getWidth() / 20, out.getHeight() / 20, TestImages.RED, 40);
        TestImages.assertPixel(out, out.getWidth() * 9 / 10, out.getHeight() * 9 / 10, TestImages.WHITE, 40);
    }
}
