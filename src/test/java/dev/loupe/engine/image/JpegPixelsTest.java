package dev.loupe.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPEG fast paths (libjpeg-turbo at full size, or raw samples converted by Loupe; profiles applied by Loupe) give
 * exactly the pixels ImageIO's own conversion gives, so features and thumbnails do not change with them.
 */
class JpegPixelsTest {

    @TempDir
    Path dir;

    @Test
    void everySampleFlowerDecodesToImageIosPixels() throws Exception {
        List<Path> flowers = flowers();
        int withProfile = 0;
        for (Path photo : flowers) {
            JpegHeader header = JpegHeader.read(photo);
            assertThat(header.plainColour()).as(photo.toString()).isTrue();
            withProfile += header.iccProfile() != null ? 1 : 0;
            assertSamePixels(photo, 0);
        }
        // Both routes are covered: photos with an embedded profile (Adobe RGB among them) and without.
        assertThat(withProfile).isBetween(20, flowers.size() - 20);
    }

    @Test
    void subsampledDecodingMatchesToo() throws Exception {
        // Without DCT scaling (ScaledJpegTest holds the scaled route): ImageIO's subsampling, converted by Loupe.
        for (Path photo : flowers().subList(0, 20)) {
            BufferedImage own = ImageDecoder.decode(photo, null, 100, false);
            assertThat(pixels(own)).as(photo.toString()).isEqualTo(pixels(throughImageIo(photo, 100)));
        }
    }

    @Test
    void aJpegWithoutJfifMarkerIsStillYcbcr() throws Exception {
        // Camera JPEGs carry EXIF but no JFIF marker; libjpeg then decides the colours from the component ids.
        Path photo = flowers().get(3);
        Path exifOnly = Files.write(dir.resolve("exif-only.jpg"), withoutApp0(Files.readAllBytes(photo)));
        JpegHeader header = JpegHeader.read(exifOnly);
        assertThat(header.jfif()).isFalse();
        assertThat(header.plainColour()).isTrue();
        assertSamePixels(exifOnly, 0);
    }

    @Test
    void greyJpegsAndRotatedOnesMatch() throws Exception {
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                grey.getRaster().setSample(x, y, 0, (x * 7 + y * 3) % 256);
            }
        }
        Path greyFile = TestImages.write(dir.resolve("grey.jpg"), TestImages.encode(grey, "jpg"));
        assertThat(JpegHeader.read(greyFile).components()).isEqualTo(1);
        assertSamePixels(greyFile, 0);

        byte[] rotated = TestImages.withExifOrientation(Files.readAllBytes(flowers().get(0)), 6, false);
        Path rotatedFile = Files.write(dir.resolve("rotated.jpg"), rotated);
        assertThat(JpegHeader.read(rotatedFile).orientation()).isEqualTo(6);
        assertSamePixels(rotatedFile, 0);
    }

    @Test
    void adobeAndCmykJpegsTakeImageIosRoute() throws Exception {
        Path cmyk = TestImages.write(dir.resolve("cmyk.jpg"), AdobeJpegs.cmykRedBlue(false));
        assertThat(JpegHeader.read(cmyk).plainColour()).isFalse();
    }

    private static void assertSamePixels(Path photo, int targetMinSide) throws Exception {
        BufferedImage fast = ImageDecoder.decode(photo, targetMinSide);
        BufferedImage reference = throughImageIo(photo, targetMinSide);
        assertThat(fast.getWidth()).isEqualTo(reference.getWidth());
        assertThat(fast.getHeight()).isEqualTo(reference.getHeight());
        assertThat(pixels(fast)).as(photo.toString()).isEqualTo(pixels(reference));
    }

    /** What ImageDecoder did before the fast path: ImageIO's first reader, its read(), then orientation. */
    private static BufferedImage throughImageIo(Path photo, int targetMinSide) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(photo.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in, true, false);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = ImageDecoder.subsampling(reader.getWidth(0), reader.getHeight(0), targetMinSide);
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage rgb = RgbImages.toIntRgb(reader.read(0, param));
                return ExifOrientation.apply(rgb, ExifOrientation.read(photo));
            } finally {
                reader.dispose();
            }
        }
    }

    private static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    private static byte[] withoutApp0(byte[] jpeg) {
        assertThat(jpeg[2] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[3] & 0xFF).isEqualTo(0xE0);
        int length = (jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(jpeg, 4 + length, jpeg.length - 4 - length);
        return out.toByteArray();
    }

    private static List<Path> flowers() throws IOException {
        List<Path> photos = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("sample-datasets/flowers"))) {
            files.filter(p -> p.toString().endsWith(".jpg")).sorted().forEach(photos::add);
        }
        return photos;
    }
}
