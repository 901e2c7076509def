package dev.loupe.engine.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a JPEG's markers say before its first scan: the EXIF orientation, and enough of the frame and colour markers
 * to know whether the pixels are plain YCbCr (or grey) with no colour profile, the case {@link JpegPixels} converts
 * itself. Reading the markers takes a few lines and never touches the compressed data.
 *
 * @param orientation    EXIF orientation 1 to 8; 1 when there is none or it cannot be read
 * @param components     colour components of the frame; 0 if no frame header was found
 * @param precision      bits per sample
 * @param jfif           an APP0 JFIF marker is present
 * @param adobe          an APP14 Adobe marker is present (it may say RGB, CMYK or YCCK)
 * @param iccProfile     the embedded ICC profile (APP2 chunks joined in order), or null; colours are converted
 *                       through it to sRGB, as ImageIO does
 * @param rgbComponentIds the component ids are 'R', 'G', 'B', which libjpeg takes for RGB without a JFIF marker
 * @param scanOffset     where the first scan's marker (SOS) starts in the file; -1 if none was found
 */
record JpegHeader(int orientation, int components, int precision, boolean jfif, boolean adobe, byte[] iccProfile,
                  boolean rgbComponentIds, long scanOffset) {

    private static final Logger LOG = LoggerFactory.getLogger(JpegHeader.class);
    private static final JpegHeader UNKNOWN = new JpegHeader(1, 0, 0, false, false, null, false, -1);
    private static final String ICC = "ICC_PROFILE\0";
    /** "ICC_PROFILE\0", then the chunk's number and the number of chunks. */
    private static final int ICC_CHUNK_HEADER = ICC.length() + 2;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;

    /**
     * 8-bit YCbCr as libjpeg decides it (JFIF, or no Adobe marker and ids that are not R, G, B), or 8-bit grey without
     * an ICC profile: the pixels ImageIO would return are then libjpeg's own conversion of the raw samples, followed
     * for YCbCr by the profile's conversion to sRGB if there is one.
     */
    boolean plainColour() {
        if (precision != 8 || adobe) {
            return false;
        }
        return (components == 1 && iccProfile == null) || (components == 3 && (jfif || !rgbComponentIds));
    }

    /** The header of {@code jpeg}; an unreadable one reads as orientation 1 and not plain. */
    static JpegHeader read(Path jpeg) {
        return read(jpeg, () -> Files.newInputStream(jpeg));
    }

    /** Opens a JPEG's bytes from the start. */
    interface Bytes {
        InputStream open() throws IOException;
    }

    /** As above, reading the bytes from {@code bytes}; {@code jpeg} only names the file in the log. */
    static JpegHeader read(Path jpeg, Bytes bytes) {
        try (Counting counted = new Counting(new BufferedInputStream(bytes.open()));
             DataInputStream in = new DataInputStream(counted)) {
            return read(in, counted);
        } catch (EOFException e) {
            return UNKNOWN;
        } catch (IOException | RuntimeException e) {
            // A broken marker should not cost the picture: it is decoded the general way and shown as stored.
            LOG.debug("Unreadable JPEG markers in {}: {}", jpeg, e.toString());
            return UNKNOWN;
        }
    }

    private static JpegHeader read(DataInputStream in, Counting counted) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            return UNKNOWN;
        }
        int orientation = 1;
        boolean jfif = false;
        boolean adobe = false;
        TreeMap<Integer, byte[]> icc = new TreeMap<>();
        byte[] frame = null;
        while (true) {
            int marker = nextMarker(in);
            if (marker == SOS || marker == EOI) {
                byte[] profile = joined(icc);
                // The marker's two bytes were just read.
                long scan = marker == SOS ? counted.count - 2 : -1;
                return frame == null ? new JpegHeader(orientation, 0, 0, jfif, adobe, profile, false, scan)
                        : frame(frame, orientation, jfif, adobe, profile, scan);
            }
            int length = in.readUnsignedShort() - 2;
            if (length < 0) {
                return UNKNOWN;
            }
            byte[] segment = in.readNBytes(length);
            if (segment.length < length) {
                return UNKNOWN;
            }
            if (isFrame(marker) && frame == null) {
                frame = segment;
            }
            jfif |= marker == APP0 && startsWith(segment, "JFIF\0");
            adobe |= marker == APP14 && startsWith(segment, "Adobe");
            if (marker == APP2 && startsWith(segment, ICC) && segment.length > ICC_CHUNK_HEADER) {
                icc.put(segment[ICC.length()] & 0xFF, segment);
            }
            if (marker == APP1 && startsWith(segment, "Exif\0\0") && segment.length > 14) {
                orientation = ExifOrientation.fromTiff(ByteBuffer.wrap(segment, 6, segment.length - 6).slice());
            }
        }
    }

    /** SOF0 to SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static JpegHeader frame(byte[] s, int orientation, boolean jfif, boolean adobe, byte[] icc, long scan) {
        if (s.length < 6) {
            return UNKNOWN;
        }
        int precision = s[0] & 0xFF;
        int components = s[5] & 0xFF;
        boolean rgbIds = components == 3 && s.length >= 6 + 3 * 3
                && s[6] == 'R' && s[9] == 'G' && s[12] == 'B';
        return new JpegHeader(orientation, components, precision, jfif, adobe, icc, rgbIds, scan);
    }

    private static byte[] joined(TreeMap<Integer, byte[]> chunks) {
        if (chunks.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream profile = new ByteArrayOutputStream();
        for (byte[] chunk : chunks.values()) {
            profile.write(chunk, ICC_CHUNK_HEADER, chunk.length - ICC_CHUNK_HEADER);
        }
        return profile.toByteArray();
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

    private static boolean startsWith(byte[] segment, String ascii) {
        if (segment.length < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (segment[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Counts the bytes read through it, for {@link #scanOffset}. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
