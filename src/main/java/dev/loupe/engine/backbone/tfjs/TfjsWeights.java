package dev.loupe.engine.backbone.tfjs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the tensors of a TF.js weights manifest. Each group's shard files are concatenated in manifest order and
 * hold its tensors back to back as little-endian float32. The shards' sizes are checked against the bytes the
 * manifest describes before anything is read, and no more than that is ever read (a shard that is a link to a huge
 * file, or grows meanwhile, cannot fill the memory); a truncated or mismatched shard fails here, not as garbage
 * features.
 */
final class TfjsWeights {

    /** More weights than this (2 GiB) is no model Loupe can hold in memory as one network: refused before reading. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private TfjsWeights() {
    }

    /** Tensor values by weight name, in manifest order (row-major, in the shape the manifest gives). */
    static Map<String, float[]> read(TfjsModelJson model, ModelSource source) throws IOException {
        checkSizes(model, source);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (TfjsModelJson.Group group : model.manifest()) {
            ByteBuffer bytes = ByteBuffer.wrap(concat(group, source, bytesOf(group))).order(ByteOrder.LITTLE_ENDIAN);
            for (WeightSpec w : group.weights()) {
                if (!"float32".equals(w.dtype())) {
                    throw new IOException("weight " + w + " is not float32: only float32 TF.js weights are supported");
                }
                long needed = w.elements() * Float.BYTES;
                if (needed > bytes.remaining()) {
                    throw new IOException("weight " + w + " needs " + needed + " bytes but only " + bytes.remaining()
                            + " are left in " + group.paths() + ": the shard files do not match model.json");
                }
                float[] v = new float[(int) w.elements()];
                FloatBuffer floats = bytes.asFloatBuffer();
                floats.get(v);
                bytes.position(bytes.position() + (int) needed);
                if (values.put(w.name(), v) != null) {
                    throw new IOException("model.json lists weight " + w.name() + " twice");
                }
            }
            if (bytes.hasRemaining()) {
                throw new IOException(group.paths() + " hold more bytes than model.json describes: the shard files "
                        + "do not match model.json");
            }
        }
        return values;
    }

    /** Checks every group's shards against the manifest, and the whole against what Loupe can hold, reading none. */
    static void checkSizes(TfjsModelJson model, ModelSource source) throws IOException {
        long total = 0;
        for (TfjsModelJson.Group group : model.manifest()) {
            total += checkSizes(group, source);
            if (total > MAX_BYTES) {
                throw new IOException("model.json describes more than " + MAX_BYTES / (1 << 20) + " MB of weights, "
                        + "more than Loupe can load");
            }
        }
    }

    /** The bytes the group's tensors take, after checking that its shard files hold exactly that many. */
    private static long checkSizes(TfjsModelJson.Group group, ModelSource source) throws IOException {
        long expected = bytesOf(group);
        long found = 0;
        for (String path : group.paths()) {
            long size = source.size(path);
            if (size < 0) {
                return expected; // bundled resources: no size to check, the reads below are capped all the same
            }
            found += size;
        }
        if (found != expected) {
            throw new IOException("the weight files " + group.paths() + " hold " + found + " bytes, but model.json "
                    + "describes " + expected + ": the shard files do not match model.json");
        }
        return expected;
    }

    private static long bytesOf(TfjsModelJson.Group group) throws IOException {
        long bytes = 0;
        for (WeightSpec w : group.weights()) {
            bytes += w.elements() * Float.BYTES;
            if (bytes > MAX_BYTES) {
                throw new IOException("model.json describes more than " + MAX_BYTES / (1 << 20) + " MB of weights, "
                        + "more than Loupe can load");
            }
        }
        return bytes;
    }

    /** The group's shards back to back, reading at most one byte more than the manifest describes. */
    private static byte[] concat(TfjsModelJson.Group group, ModelSource source, long expected) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String path : group.paths()) {
            long left = expected + 1 - all.size();
            if (left <= 0) {
                break;
            }
            try (InputStream in = source.open(path)) {
                all.write(in.readNBytes((int) Math.min(left, MAX_BYTES)));
            }
        }
        return all.toByteArray();
    }
}
