package dev.loupe.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageProbeTest {

    @TempDir
    Path dir;

    @Test
    void readsSizesOfEveryWritableFormat() throws Exception {
        BufferedImage img = TestImages.quadrants(37, 21, 1, 2, 3, 4);
        for (String format : new String[] {"png", "jpg", "bmp", "gif", "tiff"}) {
            Path file = TestImages.write(dir.resolve("c").resolve("a." + format), TestImages.encode(img, format));
            assertThat(ImageProbe.readSize(file)).as(format).isEqualTo(new Dimension(37, 21));
        }
    }

    @Test
    void reportsABombsClaimedSizeWithoutDecodingIt() throws Exception {
        byte[] tiny = TestImages.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        Path file = TestImages.write(dir.resolve("c").resolve("bomb.png"),
                TestImages.withClaimedSize(tiny, 100_000, 90_000));
        assertThat(ImageProbe.readSize(file)).isEqualTo(new Dimension(100_000, 90_000));
    }

    @Test
    void failsLikeTheDecoder() throws Exception {
        Path file = TestImages.write(dir.resolve("c").resolve("empty.png"), new byte[0]);
        assertThatThrownBy(() -> ImageProbe.readSize(file)).isInstanceOf(ImageDecodeException.class)
                .hasMessage("c/empty.png: empty file (0 bytes)");
    }
}
