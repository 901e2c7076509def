package dev.loupe.engine.image;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The EXIF Orientation tag of a JPEG, and turning pixels upright by it. Cameras store pixels as the sensor saw them
 * and record how the phone was held; a classifier trained on sideways flowers learns the wrong thing. The tag is read
 * by {@link JpegHeader}.
 */
final class ExifOrientation {

    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation, 1 to 8; 1 (as stored) when there is no EXIF or it cannot be read. */
    static int read(Path jpeg) {
        return JpegHeader.read(jpeg).orientation();
    }

    /** Width and height as displayed: swapped for the orientations that turn the picture by 90 degrees. */
    static int[] displayedSize(int width, int height, int orientation) {
        return orientation >= 5 ? new int[] {height, width} : new int[] {width, height};
    }

    /** The upright picture; the image itself for orientation 1. */
    static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        int[] in = src.getRGB(0, 0, w, h, null, 0, w);
        int[] size = displayedSize(w, h, orientation);
        int dw = size[0];
        int dh = size[1];
        int[] out = new int[dw * dh];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                // (sx, sy): the stored pixel shown at (x, y), per the EXIF 2.3 table of orientations.
                int sx;
                int sy;
                switch (orientation) {
                    case 2: sx = w - 1 - x; sy = y; break;
                    case 3: sx = w - 1 - x; sy = h - 1 - y; break;
                    case 4: sx = x; sy = h - 1 - y; break;
                    case 5: sx = y; sy = x; break;
                    case 6: sx = y; sy = h - 1 - x; break;
                    case 7: sx = w - 1 - y; sy = h - 1 - x; break;
                    default: sx = w - 1 - y; sy = x; break; // 8
                }
                out[y * dw + x] = in[sy * w + sx];
            }
        }
        BufferedImage result = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, dw, dh, out, 0, dw);
        return result;
    }

    /** Looks up the Orientation tag in IFD0 of the TIFF structure inside the EXIF segment. */
    static int fromTiff(ByteBuffer tiff) {
        tiff.order(tiff.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = tiff.getInt(4);
        int entries = tiff.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if ((tiff.getShort(entry) & 0xFFFF) == TAG_ORIENTATION) {
                int value = tiff.getShort(entry + 8) & 0xFFFF;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }
}
