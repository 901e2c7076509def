package dev.loupe.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A camera's embedded EXIF thumbnail serves the Curate grid only when it is large enough and of the photo's shape. */
class EmbeddedThumbnailTest {

    @TempDir
    Path dir;

    @Test
    void aLargeEnoughThumbnailIsReadUpright() throws Exception {
        // The photo is red on the left, the thumbnail green on the left: which one was read shows in the pixels.
        byte[] photo = TestImages.encode(TestImages.quadrants(1200, 900, TestImages.RED, TestImages.BLUE,
                TestImages.RED, TestImages.BLUE), "jpg");
        byte[] thumb = TestImages.encode(TestImages.quadrants(320, 240, TestImages.GREEN, TestImages.WHITE,
                TestImages.GREEN, TestImages.WHITE), "jpg");
        Path file = TestImages.write(dir.resolve("camera.jpg"), TestImages.withExifThumbnail(photo, thumb, 6));

        BufferedImage read = EmbeddedThumbnail.read(file, 256);
        assertThat(read).isNotNull();
        // Orientation 6 turns it a quarter clockwise: the green left half becomes the top.
        assertThat(read.getWidth()).isEqualTo(240);
        assertThat(read.getHeight()).isEqualTo(320);
        TestImages.assertPixel(read, 120, 20, TestImages.GREEN, 40);
        TestImages.assertPixel(read, 120, 300, TestImages.WHITE, 40);
    }

    @Test
    void aSmallOrLetterboxedThumbnailIsNotUsed() throws Exception {
        byte[] photo = TestImages.encode(TestImages.quadrants(1200, 900, TestImages.RED, TestImages.BLUE,
                TestImages.RED, TestImages.BLUE), "jpg");
        byte[] small = TestImages.encode(new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB), "jpg");
        Path smallFile = TestImages.write(dir.resolve("small.jpg"), TestImages.withExifThumbnail(photo, small, 1));
        assertThat(EmbeddedThumbnail.read(smallFile, 256)).isNull();

        byte[] barred = TestImages.encode(new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB), "jpg");
        Path barredFile = TestImages.write(dir.resolve("barred.jpg"), TestImages.withExifThumbnail(photo, barred, 1));
        assertThat(EmbeddedThumbnail.read(barredFile, 256)).isNull();

        Path none = TestImages.write(dir.resolve("none.jpg"), photo);
        assertThat(EmbeddedThumbnail.read(none, 256)).isNull();
    }
}
