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
 * hold its tensors back to back as little-endian float32, so every tensor's byte size is checked against its shape
 * and every group must be used up exactly: a truncated or mismatched shard fails here, not as garbage features.
 */
final class TfjsWeights {

    private TfjsWeights() {
    }

    /** Tensor values by weight name, in manifest order (row-major, in the shape the manifest gives). */
    static Map<String, float[]> read(TfjsModelJson model, ModelSource source) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (TfjsModelJson.Group group : model.manifest()) {
            ByteBuffer bytes = ByteBuffer.wrap(concat(group, source)).order(ByteOrder.LITTLE_ENDIAN);
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
                throw new IOException(group.paths() + " hold " + bytes.remaining() + " bytes more than model.json "
                        + "describes: the shard files do not match model.json");
            }
        }
        return values;
    }

    private static byte[] concat(TfjsModelJson.Group group, ModelSource source) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String path : group.paths()) {
            try (InputStream in = source.open(path)) {
                in.transferTo(all);
            }
        }
        return all.toByteArray();
    }
}
