package dev.loupe.engine.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small picture a camera stores inside its JPEG (EXIF's IFD1 thumbnail, read by TwelveMonkeys' JPEG reader), for
 * the Curate grid: reading it costs a few kilobytes instead of decoding megabytes. Used only when it is at least as
 * large as the grid's thumbnails and has the photo's shape, since many cameras store 160 x 120 with black bars for
 * other shapes; it is turned upright by the photo's EXIF orientation, as the photo itself is.
 */
public final class EmbeddedThumbnail {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedThumbnail.class);
    /** How far the thumbnail's aspect ratio may be from the photo's: rounding to whole pixels, no bars. */
    private static final double SHAPE_TOLERANCE = 0.02;

    private EmbeddedThumbnail() {
    }

    /** The upright embedded thumbnail of {@code file}, or null if it has none that is large enough and of its shape. */
    public static BufferedImage read(Path file, int minLongerSide) {
        try (ImageSource src = ImageSource.open(file)) {
            ImageReader reader = src.reader;
            if (!"JPEG".equals(src.format) || reader.getNumThumbnails(0) == 0) {
                return null;
            }
            int tw = reader.getThumbnailWidth(0, 0);
            int th = reader.getThumbnailHeight(0, 0);
            int[] size = src.storedSize();
            double photoShape = (double) size[0] / size[1];
            if (Math.max(tw, th) < minLongerSide || th <= 0
                    || Math.abs((double) tw / th - photoShape) > SHAPE_TOLERANCE * photoShape) {
                return null;
            }
            BufferedImage thumbnail = RgbImages.toIntRgb(reader.readThumbnail(0, 0));
            return ExifOrientation.apply(thumbnail, JpegHeader.read(file).orientation());
        } catch (IOException | RuntimeException e) {
            // The photo itself is decoded instead, which reports what is wrong with it if anything is.
            LOG.debug("No usable embedded thumbnail in {}: {}", file, e.toString());
            return null;
        }
    }
}
