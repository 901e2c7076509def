package dev.loupe.engine.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one image file to an upright, opaque {@code TYPE_INT_RGB} picture no bigger than needed.
 *
 * <p>The size is read from the header first, so that a decompression bomb is refused before any pixel is decoded
 * and a huge photo is subsampled while it is read (ImageIO then keeps only every n-th pixel of every n-th row) instead
 * of being decoded whole and shrunk afterwards. Subsampling is coarse, so callers resize the result to its final size
 * with {@link ImageResizer}. A plain JPEG (8-bit YCbCr, or grey without a colour profile) is read as raw samples and
 * converted by {@link JpegPixels}, then through its RGB colour profile, if it has one, by {@link ProfileConversions}:
 * the same pixels in half the time or less. Any other JPEG goes through ImageIO's own conversion.
 */
public final class ImageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

    private ImageDecoder() {
    }

    /**
     * Decodes {@code file}, detecting the format from its content.
     *
     * @param targetMinSide the shorter side the caller needs; the result's shorter side is at least this (unless the
     *                      image is smaller) and less than twice it. 0 or less decodes at full size.
     * @throws ImageDecodeException for any file that is not a readable image, with a message naming file and reason
     */
    public static BufferedImage decode(Path file, int targetMinSide) throws ImageDecodeException {
        return decode(file, null, targetMinSide);
    }

    /**
     * As {@link #decode(Path, int)} for an image whose bytes were read already ({@code content}, the whole file; e.g.
     * by a cluster job from any Hadoop path); {@code name} only names it in messages. Same pixels as from the file.
     */
    public static BufferedImage decode(Path name, byte[] content, int targetMinSide) throws ImageDecodeException {
        try (ImageSource src = ImageSource.open(name, content)) {
            int[] size = src.storedSize();
            src.checkNotHuge(size[0], size[1]);
            ImageReadParam param = src.reader.getDefaultReadParam();
            int step = subsampling(size[0], size[1], targetMinSide);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            if (!"JPEG".equals(src.format)) {
                return RgbImages.toIntRgb(read(src, r -> r.read(0, param)));
            }
            return decodeJpeg(src, param);
        } catch (OutOfMemoryError e) {
            // Only reachable with a tiny heap, since headers over 250 megapixels are refused; the next file may fit.
            throw tooLarge(name);
        }
    }

    /** Raw samples converted by Loupe when the header allows ({@link JpegHeader#plainColour()}), else ImageIO's. */
    private static BufferedImage decodeJpeg(ImageSource src, ImageReadParam param) throws ImageDecodeException {
        JpegHeader header = JpegHeader.read(src.file, src::bytes);
        boolean ownRoute = header.plainColour();
        ColorConvertOp profile = null;
        if (ownRoute && header.iccProfile() != null) {
            // Only a profile Loupe can apply keeps the photo on its own route; ImageIO handles any other.
            profile = ProfileConversions.toSrgb(header.iccProfile());
            ownRoute = profile != null;
        }
        BufferedImage rgb;
        if (ownRoute) {
            rgb = JpegPixels.toIntRgb(read(src, r -> r.readRaster(0, param)));
            if (profile != null) {
                ProfileConversions.apply(profile, rgb);
            }
        } else {
            rgb = RgbImages.toIntRgb(read(src, r -> r.read(0, param)));
        }
        return ExifOrientation.apply(rgb, header.orientation());
    }

    /**
     * The largest step that keeps the shorter side at least {@code targetMinSide}: floor(min / target), so
     * min / step is at least the target and, because step + 1 would undershoot it, less than twice the target.
     */
    static int subsampling(int width, int height, int targetMinSide) {
        if (targetMinSide <= 0) {
            return 1;
        }
        return Math.max(1, Math.min(width, height) / targetMinSide);
    }

    /** One call to the reader: {@code read} for pixels in RGB, {@code readRaster} for a JPEG's raw samples. */
    private interface Reading<T> {
        T from(ImageReader reader) throws IOException;
    }

    private static <T> T read(ImageSource src, Reading<T> reading) throws ImageDecodeException {
        List<String> warnings = new ArrayList<>();
        src.reader.addIIOReadWarningListener((reader, warning) -> warnings.add(warning));
        T image;
        try {
            image = reading.from(src.reader);
        } catch (IOException | RuntimeException e) {
            if (causedByOutOfMemory(e)) {
                // The JDK PNG reader catches every Throwable, an OutOfMemoryError too, and wraps it in IIOException.
                throw tooLarge(src.file);
            }
            // Plugins signal bad data with IIOException but also with IndexOutOfBounds, NegativeArraySize and the like.
            throw src.corrupt(e);
        }
        for (String warning : warnings) {
            // libjpeg pads a cut-off JPEG with grey and only warns; a half-grey picture is poison in a training set.
            if (isTruncation(warning)) {
                throw src.corrupt(null);
            }
            LOG.debug("{}: {}", src.file, warning);
        }
        if (image == null) {
            throw src.corrupt(null);
        }
        return image;
    }

    private static ImageDecodeException tooLarge(Path file) {
        return new ImageDecodeException(file, "too large to decode in the memory available");
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTruncation(String warning) {
        String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("truncated");
    }
}
