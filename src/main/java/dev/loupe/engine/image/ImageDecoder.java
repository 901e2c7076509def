package dev.loupe.engine.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
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
 * with {@link ImageResizer}. A plain JPEG (8-bit YCbCr, or grey without a colour profile) is decoded by libjpeg-turbo
 * scaled in the DCT domain to the smallest of 1/1, 1/2, 1/4, 1/8 that still covers the size asked ({@link ScaledJpeg});
 * where that library is missing or refuses the data, it is read as raw samples through ImageIO and converted by
 * {@link JpegPixels}. Either way its RGB colour profile, if it has one, is applied by {@link ProfileConversions}. Any
 * other JPEG (CMYK, YCCK, Adobe, 12-bit, a profile Loupe cannot apply, cut-off data) goes through ImageIO's own
 * conversion, which also gives cut-off data its error.
 */
public final class ImageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);
    /** Files up to this are read whole for {@link ScaledJpeg}; a phone's photo is 2-5 MB, a 250 MP one under 100. */
    private static final long MAX_SCALED_BYTES = 128L << 20;

    private ImageDecoder() {
    }

    /**
     * Decodes {@code file}, detecting the format from its content.
     *
     * @param targetMinSide the shorter side the caller needs; the result's shorter side is at least this (unless the
     *                      image is smaller) and less than twice it, or than 16 times it for a JPEG of more than
     *                      8 x 2 times it (the largest DCT reduction is 1/8). 0 or less decodes at full size.
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
        return decode(name, content, targetMinSide, true);
    }

    /**
     * As above; {@code dctScaling} false decodes every JPEG through ImageIO (subsampled), as Loupe did before
     * {@link ScaledJpeg}: for the bench and the tests that compare the two.
     */
    public static BufferedImage decode(Path name, byte[] content, int targetMinSide, boolean dctScaling)
            throws ImageDecodeException {
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
            return decodeJpeg(src, param, size, dctScaling && ScaledJpeg.available() ? targetMinSide : null);
        } catch (OutOfMemoryError e) {
            // Only reachable with a tiny heap, since headers over 250 megapixels are refused; the next file may fit.
            throw tooLarge(name);
        }
    }

    /**
     * Scaled by libjpeg-turbo or raw samples converted by Loupe when the header allows ({@link JpegHeader#plainColour()}),
     * else ImageIO's conversion. {@code scaledTarget} is the shorter side for {@link ScaledJpeg}, null not to use it.
     */
    private static BufferedImage decodeJpeg(ImageSource src, ImageReadParam param, int[] size, Integer scaledTarget)
            throws ImageDecodeException {
        byte[] bytes = scaledTarget == null ? null : allBytes(src);
        JpegHeader header = bytes == null ? JpegHeader.read(src.file, src::bytes)
                : JpegHeader.read(src.file, () -> new ByteArrayInputStream(bytes));
        boolean ownRoute = header.plainColour();
        ColorConvertOp profile = null;
        if (ownRoute && header.iccProfile() != null) {
            // Only a profile Loupe can apply keeps the photo on its own route; ImageIO handles any other.
            profile = ProfileConversions.toSrgb(header.iccProfile());
            ownRoute = profile != null;
        }
        BufferedImage rgb = null;
        if (ownRoute && bytes != null) {
            int length = ScaledJpeg.completeLength(bytes, header.scanOffset());
            int reduction = ScaledJpeg.reduction(size[0], size[1], scaledTarget);
            // A cut-off file has no end marker: ImageIO's route below reads it and reports it.
            rgb = length < 0 ? null : ScaledJpeg.decode(bytes, length, reduction);
        }
        if (rgb == null && ownRoute) {
            rgb = JpegPixels.toIntRgb(read(src, r -> r.readRaster(0, param)));
        }
        if (ownRoute && profile != null) {
            ProfileConversions.apply(profile, rgb);
        }
        if (!ownRoute) {
            rgb = RgbImages.toIntRgb(read(src, r -> r.read(0, param)));
        }
        return ExifOrientation.apply(rgb, header.orientation());
    }

    /** The file's bytes for {@link ScaledJpeg}, or null past {@link #MAX_SCALED_BYTES} (then ImageIO streams it). */
    private static byte[] allBytes(ImageSource src) throws ImageDecodeException {
        try {
            return src.size() > MAX_SCALED_BYTES ? null : src.allBytes();
        } catch (IOException e) {
            throw new ImageDecodeException(src.file, "cannot read the file (" + e.getMessage() + ")", e);
        }
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
