package dev.loupe.engine.backbone.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed TF.js layers {@code model.json}: the Keras topology and the weights manifest (groups of tensors, each
 * group stored in one or more shard files).
 */
record TfjsModelJson(JsonNode topology, List<Group> manifest) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One manifest entry: shard files whose concatenated bytes hold these tensors, in order. */
    record Group(List<String> paths, List<WeightSpec> weights) {
    }

    static TfjsModelJson read(ModelSource source) throws IOException {
        JsonNode root;
        try (InputStream in = source.open("model.json")) {
            root = JSON.readTree(in);
        }
        JsonNode topology = root.path("modelTopology");
        JsonNode manifest = root.path("weightsManifest");
        if (!topology.isObject() || !manifest.isArray()) {
            throw new IOException("model.json is not a TF.js layers model (it needs 'modelTopology' and "
                    + "'weightsManifest'; graph models from tf.saved_model are not supported)");
        }
        List<Group> groups = new ArrayList<>();
        for (JsonNode g : manifest) {
            List<String> paths = new ArrayList<>();
            g.path("paths").forEach(p -> paths.add(p.asText()));
            List<WeightSpec> weights = new ArrayList<>();
            for (JsonNode w : g.path("weights")) {
                if (w.has("quantization")) {
                    throw new IOException("weight " + w.path("name").asText() + " is quantized; export the model "
                            + "without quantization (float32 weights)");
                }
                long[] shape = new long[w.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.path("shape").get(i).asLong();
                }
                weights.add(new WeightSpec(w.path("name").asText(), shape, w.path("dtype").asText("float32")));
            }
            groups.add(new Group(paths, weights));
        }
        return new TfjsModelJson(topology, groups);
    }
}
