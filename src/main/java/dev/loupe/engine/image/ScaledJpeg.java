package dev.loupe.engine.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a JPEG at 1/1, 1/2, 1/4 or 1/8 of its size in the DCT domain, with libjpeg-turbo (SIMD) as OpenCV's
 * imgcodecs carries it ({@code imdecode} with {@code IMREAD_REDUCED_COLOR_n}, OpenCV's orientation left to Loupe): a
 * 12-megapixel photo wanted at 224 px costs an eighth of the inverse transforms and none of the pixels ImageIO would
 * decode only to drop. Each output pixel is libjpeg's reduced inverse transform of its
 * block, an average where ImageIO's subsampling kept one pixel in n (docs/benchmarks.md, "Phone photos").
 *
 * <p>Only what libjpeg decodes exactly as ImageIO's libjpeg does comes this way ({@link JpegHeader#plainColour()},
 * data that reaches its end marker, see {@link #completeLength}): the caller falls back to ImageIO for anything else,
 * and whenever this returns null.
 */
final class ScaledJpeg {

    private static final Logger LOG = LoggerFactory.getLogger(ScaledJpeg.class);
    private static final int[] REDUCTIONS = {8, 4, 2, 1};
    private static final boolean AVAILABLE = load();

    private ScaledJpeg() {
    }

    /** Whether the native library loaded on this machine (else every JPEG goes through ImageIO). */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * The largest of 8, 4, 2, 1 that keeps the decoded shorter side (libjpeg rounds up) at least
     * {@code targetMinSide}; 1 when the whole picture is asked for (0 or less).
     */
    static int reduction(int width, int height, int targetMinSide) {
        if (targetMinSide <= 0) {
            return 1;
        }
        int shorter = Math.min(width, height);
        for (int r : REDUCTIONS) {
            if ((shorter + r - 1) / r >= targetMinSide) {
                return r;
            }
        }
        return 1;
    }

    /**
     * The length of the JPEG up to its end marker (EOI), or -1 if it has none after {@code scanOffset}: a file cut off
     * in its scans. Inside the compressed data a 0xFF byte is always followed by 0 or a restart marker, so the first
     * 0xFF 0xD9 after the first scan starts is the end; what follows it (a phone's motion-photo video) is not passed on.
     */
    static int completeLength(byte[] jpeg, long scanOffset) {
        if (scanOffset < 0) {
            return -1;
        }
        for (int i = (int) Math.min(scanOffset, Integer.MAX_VALUE); i < jpeg.length - 1; i++) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xD9) {
                return i + 2;
            }
        }
        return -1;
    }

    /**
     * The picture at 1/{@code reduction} of the first {@code length} bytes, as stored (no orientation applied), or
     * null if libjpeg could not decode it.
     */
    static BufferedImage decode(byte[] jpeg, int length, int reduction) {
        int flags = switch (reduction) {
            case 2 -> IMREAD_REDUCED_COLOR_2;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 8 -> IMREAD_REDUCED_COLOR_8;
            default -> IMREAD_COLOR;
        };
        try (BytePointer data = new BytePointer(length)) {
            data.put(jpeg, 0, length);
            try (Mat encoded = new Mat(1, length, CV_8UC1, data);
                 Mat bgr = opencv_imgcodecs.imdecode(encoded, flags | IMREAD_IGNORE_ORIENTATION)) {
                if (bgr == null || bgr.empty() || bgr.channels() != 3 || bgr.depth() != CV_8U || !bgr.isContinuous()) {
                    return null;
                }
                return toIntRgb(bgr);
            }
        }
    }

    /** OpenCV's interleaved blue, green, red bytes (grey JPEGs come as three equal ones) as packed RGB. */
    private static BufferedImage toIntRgb(Mat bgr) {
        int w = bgr.cols();
        int h = bgr.rows();
        byte[] bytes = new byte[w * h * 3];
        bgr.data().get(bytes);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int i = 0, p = 0; i < rgb.length; i++, p += 3) {
            rgb[i] = (bytes[p + 2] & 0xFF) << 16 | (bytes[p + 1] & 0xFF) << 8 | (bytes[p] & 0xFF);
        }
        return out;
    }

    private static boolean load() {
        try {
            Loader.load(opencv_imgcodecs.class);
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.info("OpenCV's libjpeg-turbo is not available here, JPEGs are decoded by ImageIO: {}", e.toString());
            return false;
        }
    }
}
