package dev.loupe.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files fail with an ImageDecodeException that names the file and the reason, and nothing else escapes. */
class ImageDecoderFailuresTest {

    @TempDir
    Path dir;

    private static void assertFails(ThrowingCallable call, Path file, String reason) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(ImageDecodeException.class)
                .hasMessage(file.getParent().getFileName() + "/" + file.getFileName() + ": " + reason)
                .satisfies(e -> {
                    assertThat(((ImageDecodeException) e).file()).isEqualTo(file);
                    assertThat(((ImageDecodeException) e).reason()).isEqualTo(reason);
                });
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return img;
    }

    @Test
    void emptyFile() throws Exception {
        Path file = TestImages.write(dir.resolve("daisy").resolve("x.jpg"), new byte[0]);
        assertFails(() -> ImageDecoder.decode(file, 224), file, "empty file (0 bytes)");
        assertThatThrownBy(() -> ImageDecoder.decode(file, 224)).hasMessage("daisy/x.jpg: empty file (0 bytes)");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("daisy").resolve("gone.jpg");
        assertFails(() -> ImageDecoder.decode(file, 224), file,
                "file not found: it was moved or deleted after the scan; scan the dataset again");
    }

    @Test
    void textNamedJpg() throws Exception {
        Path file = TestImages.write(dir.resolve("daisy").resolve("notes.jpg"),
                "These are not the flowers you are looking for.\n".getBytes(StandardCharsets.UTF_8));
        assertFails(() -> ImageDecoder.decode(file, 224), file, "not an image (the file holds text)");
    }

    @Test
    void unknownBinaryFormat() throws Exception {
        byte[] junk = new byte[300];
        new Random(1).nextBytes(junk);
        junk[0] = 0x01; // no image format starts like this
        junk[1] = 0x00;
        Path file = TestImages.write(dir.resolve("rose").resolve("junk.png"), junk);
        assertFails(() -> ImageDecoder.decode(file, 224), file, "unsupported image format");
    }

    @Test
    void truncatedJpegIsCorruptNotHalfGrey() throws Exception {
        byte[] jpeg = TestImages.encode(noise(400, 300), "jpg");
        Path file = TestImages.write(dir.resolve("tulip").resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        assertFails(() -> ImageDecoder.decode(file, 0), file, "truncated or corrupt JPEG data");
        assertFails(() -> ImageDecoder.decode(file, 100), file, "truncated or corrupt JPEG data");
    }

    @Test
    void jpegCutInsideTheHeader() throws Exception {
        byte[] jpeg = TestImages.encode(noise(64, 64), "jpg");
        Path file = TestImages.write(dir.resolve("tulip").resolve("head.jpg"), Arrays.copyOf(jpeg, 30));
        assertFails(() -> ImageDecoder.decode(file, 0), file, "truncated or corrupt JPEG data");
    }

    @Test
    void pngWithDamagedPixelData() throws Exception {
        byte[] png = TestImages.encode(noise(64, 64), "png");
        for (int i = png.length / 2; i < png.length / 2 + 64; i++) {
            png[i] = (byte) 0xA5;
        }
        Path file = TestImages.write(dir.resolve("tulip").resolve("bad.png"), png);
        assertFails(() -> ImageDecoder.decode(file, 0), file, "truncated or corrupt PNG data");
    }

    @Test
    void decompressionBombIsRefusedFromItsHeader() throws Exception {
        byte[] tiny = TestImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        Path file = TestImages.write(dir.resolve("daisy").resolve("bomb.png"),
                TestImages.withClaimedSize(tiny, 100_000, 100_000));
        assertThat(Files.size(file)).isLessThan(200);
        assertFails(() -> ImageDecoder.decode(file, 224), file,
                "claims 100000 x 100000 pixels; Loupe reads images up to 250 megapixels");
    }

    @Test
    void justOverTheLimitIsRefusedToo() throws Exception {
        byte[] tiny = TestImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        Path file = TestImages.write(dir.resolve("daisy").resolve("big.png"),
                TestImages.withClaimedSize(tiny, 20_000, 12_501));
        assertFails(() -> ImageDecoder.decode(file, 224), file,
                "claims 20000 x 12501 pixels; Loupe reads images up to 250 megapixels");
    }

    @Test
    void pngNamedJpgSimplyDecodes() throws Exception {
        BufferedImage img = TestImages.quadrants(10, 10, TestImages.RED, TestImages.GREEN, TestImages.BLUE,
                TestImages.WHITE);
        Path file = TestImages.write(dir.resolve("daisy").resolve("really-a-png.jpg"), TestImages.encode(img, "png"));
        BufferedImage out = ImageDecoder.decode(file, 0);
        assertThat(out.getWidth()).isEqualTo(10);
        TestImages.assertPixel(out, 2, 2, TestImages.RED, 0);
        TestImages.assertPixel(out, 7, 7, TestImages.WHITE, 0);
    }

    @Test
    void aFolderIsNotAnImage() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("daisy").resolve("sub.jpg"));
        assertFails(() -> ImageDecoder.decode(folder, 0), folder, "a folder, not a regular file: Loupe reads only regular files");
    }
}
