package dev.loupe.engine.finetune;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link BackbonePatch} as bytes, for the model bundle: a version, then per layer its name and parameters (name,
 * shape, float32 values, big-endian). Read as untrusted input: every count and shape is checked against the bytes
 * left before anything is allocated, and trailing bytes are refused; a version above {@link #VERSION} is a
 * {@link NewerFormat}, not damage.
 */
public final class PatchBytes {

    /** The format this build writes and reads. */
    public static final int VERSION = 1;
    private static final int MAX_NAME = 1024;
    private static final int MAX_RANK = 8;

    private PatchBytes() {
    }

    public static byte[] write(BackbonePatch patch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(patch.params().size());
            for (Map.Entry<String, Map<String, INDArray>> layer : patch.params().entrySet()) {
                writeName(out, layer.getKey());
                out.writeInt(layer.getValue().size());
                for (Map.Entry<String, INDArray> p : layer.getValue().entrySet()) {
                    writeName(out, p.getKey());
                    long[] shape = p.getValue().shape();
                    out.writeInt(shape.length);
                    for (long d : shape) {
                        out.writeInt((int) d);
                    }
                    for (float v : p.getValue().dup('c').reshape(p.getValue().length()).toFloatVector()) {
                        out.writeFloat(v);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    /** The patch in {@code bytes}, or an {@link IllegalArgumentException} saying in words what is wrong. */
    public static BackbonePatch read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = in.getInt();
            if (version > VERSION) {
                throw new NewerFormat(version);
            }
            if (version < 1) {
                throw new IllegalArgumentException("its fine-tuned backbone's format version is " + version);
            }
            int layers = count(in, in.getInt(), "layers");
            Map<String, Map<String, INDArray>> params = new LinkedHashMap<>();
            for (int l = 0; l < layers; l++) {
                String layer = readName(in);
                int n = count(in, in.getInt(), "parameters");
                Map<String, INDArray> p = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String name = readName(in);
                    int rank = in.getInt();
                    if (rank < 1 || rank > MAX_RANK) {
                        throw new IllegalArgumentException("its fine-tuned backbone's parameter " + name + " of " + layer
                                + " has rank " + rank);
                    }
                    long[] shape = new long[rank];
                    long values = 1;
                    for (int d = 0; d < rank; d++) {
                        shape[d] = in.getInt();
                        values *= shape[d];
                        if (shape[d] < 1 || values * Float.BYTES > in.remaining()) {
                            throw new IllegalArgumentException("its fine-tuned backbone's parameter " + name + " of " + layer
                                    + " is larger than the bytes that hold it");
                        }
                    }
                    float[] v = new float[(int) values];
                    in.asFloatBuffer().get(v);
                    in.position(in.position() + v.length * Float.BYTES);
                    p.put(name, Nd4j.create(v, shape, 'c').castTo(DataType.FLOAT));
                }
                params.put(layer, p);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("its fine-tuned backbone has " + in.remaining() + " bytes too many");
            }
            return new BackbonePatch(params);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("its fine-tuned backbone is truncated", e);
        }
    }

    /** A fine-tuned backbone written by a newer Loupe: the file is not damaged, this Loupe is too old for it. */
    public static final class NewerFormat extends IllegalArgumentException {
        private final int version;

        NewerFormat(int version) {
            super("its fine-tuned backbone is in format " + version + ", and this Loupe reads up to format "
                    + VERSION);
            this.version = version;
        }

        public int version() {
            return version;
        }
    }

    /** A count that cannot exceed the bytes left (each item takes at least 4). */
    private static int count(ByteBuffer in, int n, String what) {
        if (n < 0 || (long) n * 4 > in.remaining()) {
            throw new IllegalArgumentException("its fine-tuned backbone declares " + n + " " + what
                    + ", more than its bytes hold");
        }
        return n;
    }

    private static void writeName(DataOutputStream out, String name) throws IOException {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readName(ByteBuffer in) {
        int n = in.getInt();
        if (n < 1 || n > MAX_NAME || n > in.remaining()) {
            throw new IllegalArgumentException("its fine-tuned backbone holds a name of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
