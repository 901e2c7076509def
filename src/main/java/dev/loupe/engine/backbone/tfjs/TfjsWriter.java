package dev.loupe.engine.backbone.tfjs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.backbone.keras.KerasNet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

    /** Writes model.json and weights.bin into {@code folder}; {@code generatedBy} names the writer. */
    public static void write(KerasNet net, Path folder, String generatedBy) throws IOException {
        ObjectNode root = TfjsModelJson.JSON.createObjectNode();
        root.put("format", "layers-model");
        root.put("generatedBy", generatedBy);
        root.putNull("convertedBy");
        root.set("modelTopology", net.modelJson("2.2.4"));
        ObjectNode group = root.putArray("weightsManifest").addObject();
        group.putArray("paths").add(WEIGHTS);
        ArrayNode weights = group.putArray("weights");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(WEIGHTS)))) {
            for (String layer : net.layerNames()) {
                for (KerasNet.Tensor t : net.weights().getOrDefault(layer, List.of())) {
                    ObjectNode w = weights.addObject();
                    w.put("name", layer + "/" + t.name());
                    ArrayNode shape = w.putArray("shape");
                    for (long d : t.shape()) {
                        shape.add(d);
                    }
                    w.put("dtype", "float32");
                    ByteBuffer bytes = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asFloatBuffer().put(t.values());
                    out.write(bytes.array());
                }
            }
        }
        Files.write(folder.resolve(MODEL), TfjsModelJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
