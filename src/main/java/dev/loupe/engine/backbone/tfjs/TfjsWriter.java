package dev.loupe.engine.backbone.tfjs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.backbone.keras.KerasNet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link KerasNet} as a TF.js layers model the way Teachable Machine does: {@code model.json} (the Keras
 * topology and a weights manifest, format {@code layers-model}) and one {@code weights.bin} holding every tensor
 * back to back as little-endian float32, named {@code LAYER/PARAM} as TF.js looks them up.
 */
public final class TfjsWriter {

    public static final String MODEL = "model.json";
    public static final String WEIGHTS = "weights.bin";

    private TfjsWriter() {
    }

    /**
     * What TF.js' {@code tf.io.fromMemory} takes: the topology, the weight specs and the weights' bytes.
     *
     * @param modelJson the whole model.json (format, generatedBy, modelTopology, weightsManifest)
     */
    public record Artifacts(ObjectNode modelJson, ArrayNode weightSpecs, byte[] weights) {
    }

    /** Writes model.json and weights.bin into {@code folder}; {@code generatedBy} names the writer. */
    public static void write(KerasNet net, Path folder, String generatedBy) throws IOException {
        Artifacts a = artifacts(net, generatedBy);
        Files.write(folder.resolve(WEIGHTS), a.weights());
        Files.write(folder.resolve(MODEL), TfjsModelJson.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(a.modelJson()));
    }

    public static Artifacts artifacts(KerasNet net, String generatedBy) {
        ObjectNode root = TfjsModelJson.JSON.createObjectNode();
        root.put("format", "layers-model");
        root.put("generatedBy", generatedBy);
        root.putNull("convertedBy");
        root.set("modelTopology", net.modelJson("2.2.4"));
        ObjectNode group = root.putArray("weightsManifest").addObject();
        group.putArray("paths").add(WEIGHTS);
        ArrayNode weights = group.putArray("weights");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String layer : net.layerNames()) {
            for (KerasNet.Tensor t : net.weights().getOrDefault(layer, List.of())) {
                ObjectNode w = weights.addObject();
                w.put("name", layer + "/" + t.name());
                ArrayNode shape = w.putArray("shape");
                for (long d : t.shape()) {
                    shape.add(d);
                }
                w.put("dtype", "float32");
                ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                bytes.writeBytes(b.array());
            }
        }
        return new Artifacts(root, weights, bytes.toByteArray());
    }
}
