package dev.loupe.engine.finetune;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file of the maps at a cut, one record per image, each value quantized to one byte over {@code [0, max]}: the cut
 * falls after a ReLU6, so every value lies in [0, 6] and a byte keeps it within 6/510 (0.012), a quarter of the
 * floats' size (MobileNet v1 0.75 cut below its last block: 37,632 bytes an image, 2.3 GB for 60,000). Header:
 * {@value #MAGIC}, format version, channels, height, width, max, count; records follow in the order written.
 */
public final class CutActivations {

    static final String MAGIC = "LOUPECUT";
    static final int VERSION = 1;
    static final int HEADER = 32;

    private CutActivations() {
    }

    /** Channels, height and width of one image's maps, and the largest value kept. */
    public record Shape(int channels, int height, int width, float max) {
        public int values() {
            return channels * height * width;
        }
    }

    /** Writes records to a temporary file beside {@code target}, moved into place whole by {@link #commit}. */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path part;
        private final FileChannel channel;
        private final Shape shape;
        private int count;

        public Writer(Path target, Shape shape) throws IOException {
            this.target = target;
            this.shape = shape;
            this.part = target.resolveSibling(target.getFileName() + ".part");
            this.channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            try {
                channel.write(header(shape, 0));
            } catch (IOException e) {
                close();  // a full disk can refuse even the header: leave no empty temporary file
                throw e;
            }
        }

        /** Appends {@code images} records from {@code values} (each {@link Shape#values()} floats, in order). */
        public synchronized void append(float[] values, int images) throws IOException {
            append(values, 0, images);
        }

        /** As above, the records starting at {@code values[offset]}. */
        public synchronized void append(float[] values, int offset, int images) throws IOException {
            int n = shape.values();
            ByteBuffer bytes = ByteBuffer.allocate(n * images);
            float toByte = 255f / shape.max();
            for (int i = 0; i < n * images; i++) {
                float q = Math.round(values[offset + i] * toByte);
                bytes.put((byte) (int) Math.max(0, Math.min(255, q)));
            }
            bytes.flip();
            appendRaw(bytes, images);
        }

        /** Appends {@code images} records as they are stored (a {@link Reader#readRaw}'s bytes): no rounding again. */
        synchronized void appendRaw(ByteBuffer bytes, int images) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            count += images;
        }

        /** Finishes the file: writes the count and moves it into place. */
        public synchronized void commit() throws IOException {
            channel.write(header(shape, count), 0);
            channel.force(false);
            channel.close();
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        /** Without {@link #commit}, drops the temporary file: a half-written cache never takes the target's place. */
        @Override
        public synchronized void close() throws IOException {
            if (channel.isOpen()) {
                channel.close();
                Files.deleteIfExists(part);
            }
        }
    }

    /** Reads records by index; thread-safe (positional reads). */
    public static final class Reader implements AutoCloseable {
        private final FileChannel channel;
        private final Shape shape;
        private final int count;

        public Reader(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(h, 0);
                h.flip();
                byte[] magic = new byte[MAGIC.length()];
                if (h.remaining() < HEADER || !MAGIC.equals(new String(get(h, magic), StandardCharsets.US_ASCII))) {
                    throw new IOException(file + " is not a file of cut activations");
                }
                int version = h.getInt();
                if (version != VERSION) {
                    throw new IOException(file + " holds cut activations in format " + version + "; this Loupe reads "
                            + VERSION);
                }
                shape = new Shape(h.getInt(), h.getInt(), h.getInt(), h.getFloat());
                count = h.getInt();
                long expected = HEADER + (long) count * shape.values();
                if (shape.channels() <= 0 || shape.height() <= 0 || shape.width() <= 0 || !(shape.max() > 0)
                        || count < 0 || channel.size() != expected) {
                    throw new IOException(file + " is damaged: " + channel.size() + " bytes where its header says "
                            + expected);
                }
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }

        public Shape shape() {
            return shape;
        }

        public int count() {
            return count;
        }

        /** Record {@code index} as floats into {@code dest} at {@code offset}. */
        public void read(int index, float[] dest, int offset) throws IOException {
            int n = shape.values();
            ByteBuffer bytes = ByteBuffer.allocate(n);
            readRaw(index, bytes);
            float toFloat = shape.max() / 255f;
            for (int i = 0; i < n; i++) {
                dest[offset + i] = (bytes.get(i) & 0xff) * toFloat;
            }
        }

        /** Record {@code index}'s stored bytes into {@code bytes} (cleared first, flipped after). */
        void readRaw(int index, ByteBuffer bytes) throws IOException {
            if (index < 0 || index >= count) {
                throw new IndexOutOfBoundsException("record " + index + " of " + count);
            }
            int n = shape.values();
            bytes.clear().limit(n);
            long at = HEADER + (long) index * n;
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, at + bytes.position()) < 0) {
                    throw new IOException("cut activations end early at record " + index);
                }
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static byte[] get(ByteBuffer b, byte[] into) {
        b.get(into);
        return into;
    }

    private static ByteBuffer header(Shape s, int count) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(VERSION).putInt(s.channels()).putInt(s.height())
                .putInt(s.width()).putFloat(s.max()).putInt(count);
        return h.flip();
    }
}
