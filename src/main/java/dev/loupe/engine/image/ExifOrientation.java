package dev.loupe.engine.image;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EXIF Orientation tag of a JPEG, and turning pixels upright by it. Cameras store pixels as the sensor saw them
 * and record how the phone was held; a classifier trained on sideways flowers learns the wrong thing. Reading the APP1
 * segment ourselves takes a few lines and stops at the first scan, so it never touches the compressed data.
 */
final class ExifOrientation {

    private static final Logger LOG = LoggerFactory.getLogger(ExifOrientation.class);
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP1 = 0xE1;

    private ExifOrientation() {
    }

    /** The orientation, 1 to 8; 1 (as stored) when there is no EXIF or it cannot be read. */
    static int read(Path jpeg) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(jpeg)))) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return 1;
            }
            while (true) {
                int marker = nextMarker(in);
                if (marker == SOS || marker == EOI) {
                    return 1;
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return 1;
                }
                byte[] segment = in.readNBytes(length);
                if (marker == APP1 && isExif(segment)) {
                    return fromTiff(ByteBuffer.wrap(segment, 6, segment.length - 6).slice());
                }
            }
        } catch (EOFException e) {
            return 1;
        } catch (IOException | RuntimeException e) {
            // A broken EXIF block should not cost the picture: it is shown as stored.
            LOG.debug("Unreadable EXIF in {}: {}", jpeg, e.toString());
            return 1;
        }
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

    /** The next marker code, skipping the 0xFF fill bytes JPEG allows before one. */
    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        if (b != 0xFF) {
            throw new IOException("expected a JPEG marker, found 0x" + Integer.toHexString(b));
        }
        do {
            b = in.readUnsignedByte();
        } while (b == 0xFF);
        return b;
    }

    private static boolean isExif(byte[] s) {
        return s.length > 14 && s[0] == 'E' && s[1] == 'x' && s[2] == 'i' && s[3] == 'f' && s[4] == 0 && s[5] == 0;
    }

    /** Looks up the Orientation tag in IFD0 of the TIFF structure inside the EXIF segment. */
    private static int fromTiff(ByteBuffer tiff) {
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
