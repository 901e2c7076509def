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
    /** A model.json describes layers and weight names; even VGG's is a few hundred KB. */
    static final int MAX_JSON = 64 << 20;

    /** One manifest entry: shard files whose concatenated bytes hold these tensors, in order. */
    record Group(List<String> paths, List<WeightSpec> weights) {
    }

    static TfjsModelJson read(ModelSource source) throws IOException {
        JsonNode root = json(source, "model.json");
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
                weights.add(new WeightSpec(w.path("name").asText(), shape(w), w.path("dtype").asText("float32")));
            }
            groups.add(new Group(paths, weights));
        }
        return new TfjsModelJson(topology, groups);
    }

    /** A JSON file of the model (model.json, metadata.json), refused above {@link #MAX_JSON} before it is read. */
    static JsonNode json(ModelSource source, String name) throws IOException {
        long size = source.size(name);
        if (size > MAX_JSON) {
            throw new IOException(name + " is " + size / (1 << 20) + " MB, too large for a TF.js model's " + name);
        }
        JsonNode root;
        try (InputStream in = source.open(name)) {
            root = JSON.readTree(in.readNBytes(MAX_JSON + 1));
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException(name + " is empty");
        }
        return root;
    }

    /**
     * A tensor's shape: whole dimensions from 0 up, and no more elements than a Java array holds (a damaged or
     * hostile model.json would otherwise ask for negative or impossible sizes).
     */
    private static long[] shape(JsonNode w) throws IOException {
        JsonNode dims = w.path("shape");
        String name = w.path("name").asText();
        if (!dims.isArray()) {
            throw new IOException("model.json is damaged: weight '" + name + "' has no shape");
        }
        long[] shape = new long[dims.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = dims.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new IOException("model.json is damaged: weight '" + name + "' has the shape " + dims
                        + ", and a dimension must be a whole number from 0 up");
            }
            shape[i] = d.asLong();
            elements = shape[i] == 0 ? 0 : elements;
            if (shape[i] != 0 && elements > Integer.MAX_VALUE / shape[i]) {
                throw new IOException("model.json is damaged: weight '" + name + "' has the shape " + dims
                        + ", too large for any model Loupe can load");
            }
            elements *= shape[i];
        }
        return shape;
    }
}
