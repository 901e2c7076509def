package dev.loupe.engine.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;

/**
 * Converts pixels from a JPEG's embedded RGB profile to sRGB, as ImageIO does, but over the whole picture at once and
 * with the conversion kept for the next photo with the same profile: ImageIO builds a new conversion for every image
 * and runs it row by row, which made a photo with a profile cost three times one without (docs/benchmarks.md).
 * The pixels are the same, bit for bit ({@code JpegPixelsTest}).
 */
final class ProfileConversions {

    /** Photos from one camera or editor share a profile; a few cover a folder of mixed sources. */
    private static final int KEPT = 4;
    /** {@link ColorConvertOp} keeps per-call state, so each decoding thread has its own few. */
    private static final ThreadLocal<Cache<ByteBuffer, ColorConvertOp>> OPS = ThreadLocal.withInitial(
            () -> Caffeine.newBuilder().maximumSize(KEPT).executor(Runnable::run).build());

    private ProfileConversions() {
    }

    /** The conversion from {@code profile} to sRGB, or null for a profile that is unreadable or not RGB. */
    static ColorConvertOp toSrgb(byte[] profile) {
        Cache<ByteBuffer, ColorConvertOp> ops = OPS.get();
        ByteBuffer key = ByteBuffer.wrap(profile);
        ColorConvertOp op = ops.getIfPresent(key);
        if (op == null) {
            ColorSpace space;
            try {
                space = new ICC_ColorSpace(ICC_Profile.getInstance(profile));
            } catch (IllegalArgumentException | CMMException e) {
                return null;
            }
            if (space.getType() != ColorSpace.TYPE_RGB || space.getNumComponents() != 3) {
                return null;
            }
            op = new ColorConvertOp(space, ColorSpace.getInstance(ColorSpace.CS_sRGB), null);
            ops.put(key, op);
        }
        return op;
    }

    /** Converts {@code image} ({@code TYPE_INT_RGB}) in place. */
    static void apply(ColorConvertOp op, BufferedImage image) {
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        WritableRaster in = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, image.getWidth(), image.getHeight(),
                3, null);
        byte[] bytes = ((DataBufferByte) in.getDataBuffer()).getData();
        for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
            bytes[j] = (byte) (rgb[i] >> 16);
            bytes[j + 1] = (byte) (rgb[i] >> 8);
            bytes[j + 2] = (byte) rgb[i];
        }
        byte[] out = ((DataBufferByte) op.filter(in, null).getDataBuffer()).getData();
        for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
            rgb[i] = (out[j] & 0xFF) << 16 | (out[j + 1] & 0xFF) << 8 | (out[j + 2] & 0xFF);
        }
    }
}
