package dev.loupe.engine.image;

import static dev.loupe.engine.image.TestImages.BLUE;
import static dev.loupe.engine.image.TestImages.GREEN;
import static dev.loupe.engine.image.TestImages.RED;
import static dev.loupe.engine.image.TestImages.WHITE;
import static dev.loupe.engine.image.TestImages.assertPixel;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JPEG stored 64 x 32 with red, green, blue and white quadrants (top-left, top-right, bottom-left, bottom-right),
 * tagged with each EXIF orientation, must come out upright. The expected corners are worked out by hand from the EXIF
 * table, not by the code under test.
 */
class ExifOrientationTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        // orientation, displayed top-left, top-right, bottom-left, bottom-right
        "1, RED, GREEN, BLUE, WHITE",
        "2, GREEN, RED, WHITE, BLUE",  // mirrored left-right
        "3, WHITE, BLUE, GREEN, RED",  // turned 180 degrees
        "4, BLUE, WHITE, RED, GREEN",  // mirrored top-bottom
        "5, RED, BLUE, GREEN, WHITE",  // transposed
        "6, BLUE, RED, WHITE, GREEN",  // turned 90 degrees clockwise
        "7, WHITE, GREEN, BLUE, RED",  // transversed
        "8, GREEN, WHITE, RED, BLUE",  // turned 90 degrees counter-clockwise
    })
    void turnsThePictureUpright(int orientation, String tl, String tr, String bl, String br) throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.quadrants(64, 32, RED, GREEN, BLUE, WHITE), "jpg");
        // Alternate byte orders: cameras write both.
        byte[] tagged = TestImages.withExifOrientation(jpeg, orientation, orientation % 2 == 0);
        Path file = TestImages.write(dir.resolve("o" + orientation + ".jpg"), tagged);

        BufferedImage out = ImageDecoder.decode(file, 0);

        boolean turned = orientation >= 5;
        int w = turned ? 32 : 64;
        int h = turned ? 64 : 32;
        assertThat(out.getWidth()).isEqualTo(w);
        assertThat(out.getHeight()).isEqualTo(h);
        assertPixel(out, w / 4, h / 4, colour(tl), 40);
        assertPixel(out, 3 * w / 4, h / 4, colour(tr), 40);
        assertPixel(out, w / 4, 3 * h / 4, colour(bl), 40);
        assertPixel(out, 3 * w / 4, 3 * h / 4, colour(br), 40);
        assertThat(ImageProbe.readSize(file)).isEqualTo(new Dimension(w, h));
    }

    private static int colour(String name) {
        switch (name) {
            case "RED": return RED;
            case "GREEN": return GREEN;
            case "BLUE": return BLUE;
            default: return WHITE;
        }
    }
}
