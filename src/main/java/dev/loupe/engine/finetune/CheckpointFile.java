package dev.loupe.engine.finetune;

import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.util.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The bytes of a fine-tuning checkpoint: a magic number and a version, what it was made on ({@link
 * Checkpoint.Identity}), the epochs run, Adam's step count, then the top's weights, the best epoch's weights and
 * Adam's moments as float32 (big-endian), and a CRC-32 of everything before it. Read as untrusted input: the CRC,
 * the version and every count are checked (against the network it is meant for) before anything is allocated.
 */
final class CheckpointFile {

    /** The format this build writes and reads. */
    static final int VERSION = 1;
    private static final int MAGIC = 0x4C465443; // "LFTC"
    private static final int MAX_EPOCHS = 10_000;

    /** What a checkpoint holds. */
    record State(Checkpoint.Identity identity, List<EpochMetrics> history, double startAccuracy, int iterations,
                 int epochCount, float[] weights, float[] best, float[] updater) {
    }

    private CheckpointFile() {
    }

    static void write(Path file, State s) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(header)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            utf(out, s.identity().backbone());
            out.writeInt(s.identity().blocks());
            out.writeInt(s.identity().classes());
            utf(out, s.identity().settings());
            utf(out, s.identity().photos());
            out.writeDouble(s.startAccuracy());
            out.writeInt(s.iterations());
            out.writeInt(s.epochCount());
            out.writeInt(s.history().size());
            for (EpochMetrics m : s.history()) {
                out.writeInt(m.epoch());
                out.writeDouble(m.trainLoss());
                out.writeDouble(m.trainAccuracy());
                out.writeDouble(m.validationLoss());
                out.writeDouble(m.validationAccuracy());
            }
        }
        CRC32 crc = new CRC32();
        List<byte[]> parts = List.of(header.toByteArray(), floats(s.weights()), floats(s.best()), floats(s.updater()));
        parts.forEach(crc::update);
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            for (byte[] part : parts) {
                out.write(part);
            }
            out.writeLong(crc.getValue());
            out.flush(); // not closed: AtomicFiles forces the file to disk after this returns
        });
    }

    /**
     * The checkpoint in {@code file} for the run {@code expected} identifies, with a network of {@code weights}
     * parameters and {@code updater} values of Adam's state, or an {@link IllegalArgumentException} saying in one
     * sentence what is wrong with it (what it was made on is checked first: it says the most).
     */
    static State read(Path file, Checkpoint.Identity expected, long weights, long updater) throws IOException {
        long most = 1_000_000 + 4 * (2 * weights + updater);
        long size = Files.size(file);
        if (size > most || size < 16) {
            throw damaged(file, "it holds " + size + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC) {
            throw new IllegalArgumentException(file + " is not a Loupe fine-tuning checkpoint");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException(file + " is a checkpoint of format " + version + "; this Loupe reads "
                    + VERSION + ": start a new run");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong()) {
            throw damaged(file, "its checksum does not match");
        }
        try {
            Checkpoint.Identity identity = new Checkpoint.Identity(utf(in), in.getInt(), in.getInt(), utf(in),
                    utf(in));
            identity.requireSameAs(expected, file);
            double startAccuracy = in.getDouble();
            int iterations = in.getInt();
            int epochCount = in.getInt();
            int epochs = in.getInt();
            if (epochs < 1 || epochs > MAX_EPOCHS || iterations < 0 || epochCount < 0) {
                throw damaged(file, "it counts " + epochs + " epochs and " + iterations + " steps");
            }
            List<EpochMetrics> history = new ArrayList<>();
            for (int i = 0; i < epochs; i++) {
                history.add(new EpochMetrics(in.getInt(), in.getDouble(), in.getDouble(), in.getDouble(),
                        in.getDouble()));
            }
            long left = in.remaining() - Long.BYTES;
            if (left != 4 * (2 * weights + updater)) {
                throw new IllegalArgumentException(file + " holds " + left / 4 + " weights and optimizer values "
                        + "where this backbone's top has " + (2 * weights + updater) + ": start a new run");
            }
            return new State(identity, history, startAccuracy, iterations, epochCount, floats(in, weights),
                    floats(in, weights), floats(in, updater));
        } catch (BufferUnderflowException e) {
            throw damaged(file, "it ends early");
        }
    }

    private static IllegalArgumentException damaged(Path file, String why) {
        return new IllegalArgumentException("The checkpoint " + file + " is damaged (" + why + "): start a new run");
    }

    /** UTF-8 after its length (not DataOutput's modified UTF-8, so that it reads back as it was written). */
    private static void utf(DataOutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("a checkpoint's text is at most 65535 bytes");
        }
        out.writeShort(b.length);
        out.write(b);
    }

    private static String utf(ByteBuffer in) {
        int n = Short.toUnsignedInt(in.getShort());
        byte[] b = new byte[Math.min(n, in.remaining())];
        if (b.length < n) {
            throw new BufferUnderflowException();
        }
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static float[] floats(ByteBuffer in, long n) {
        float[] out = new float[(int) n];
        in.asFloatBuffer().get(out);
        in.position(in.position() + out.length * Float.BYTES);
        return out;
    }
}
