package dev.loupe.engine.backbone.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns the Keras topology of a TF.js model into one flat functional Keras model that DL4J's Keras import reads:
 * nested Sequential/Model containers (Teachable Machine nests the base model and the head) become one graph,
 * integer ReLU bounds become doubles (DL4J's KerasReLU rejects {@code max_value: 6}), and optionally everything after
 * a cut layer is dropped so that layer is the output.
 */
final class KerasTopology {

    private KerasTopology() {
    }

    /**
     * @param topology the {@code modelTopology} of model.json
     * @param cutLayer the layer to output, or null for the whole model
     * @return a Keras model JSON (class Model) for {@code KerasModel}
     */
    static String toFunctionalJson(JsonNode topology, String cutLayer) throws IOException {
        JsonNode model = topology.has("model_config") ? topology.get("model_config") : topology;
        Flattener flat = new Flattener();
        String output = flat.add(model, null);
        ArrayNode layers = flat.layers();
        if (cutLayer != null) {
            layers = keepAncestors(layers, cutLayer);
            output = cutLayer;
        } else {
            output = dropTrailingReshapes(layers, output);
        }
        layers.forEach(KerasTopology::fixReluBounds);
        ObjectNode config = TfjsModelJson.JSON.createObjectNode();
        config.put("name", model.path("config").path("name").asText("model"));
        config.set("layers", layers);
        config.putArray("input_layers").addArray().add(flat.inputName()).add(0).add(0);
        config.putArray("output_layers").addArray().add(output).add(0).add(0);
        ObjectNode root = TfjsModelJson.JSON.createObjectNode();
        root.put("class_name", "Model");
        root.set("config", config);
        root.put("keras_version", kerasVersion(topology));
        root.put("backend", "tensorflow");
        return TfjsModelJson.JSON.writeValueAsString(root);
    }

    /** DL4J reads the major version from the first character; TF.js writes e.g. "tfjs-layers 1.3.1" (Keras 2 format). */
    private static String kerasVersion(JsonNode topology) {
        String v = topology.path("keras_version").asText("");
        return !v.isEmpty() && Character.isDigit(v.charAt(0)) ? v : "2.2.4";
    }

    /**
     * DL4J maps a Keras Reshape to an input pre-processor of the next layer, so a graph cannot end in one (Keras
     * MobileNet v1 ends in Reshape [1000]). Dropping it leaves the same values in a [batch, 1, 1, classes] shape.
     */
    private static String dropTrailingReshapes(ArrayNode layers, String output) {
        String out = output;
        while (!layers.isEmpty()) {
            JsonNode last = layers.get(layers.size() - 1);
            String type = last.path("class_name").asText();
            if (!last.path("name").asText().equals(out) || !(type.equals("Reshape") || type.equals("Flatten"))) {
                break;
            }
            out = Flattener.inboundNames(last).get(0);
            layers.remove(layers.size() - 1);
        }
        return out;
    }

    private static ArrayNode keepAncestors(ArrayNode layers, String cutLayer) throws IOException {
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        layers.forEach(l -> byName.put(l.path("name").asText(), l));
        if (!byName.containsKey(cutLayer)) {
            throw new IOException("the model has no layer named '" + cutLayer + "' to cut at");
        }
        Set<String> keep = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(cutLayer);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (keep.add(name)) {
                Flattener.inboundNames(byName.get(name)).forEach(todo::add);
            }
        }
        ArrayNode kept = TfjsModelJson.JSON.createArrayNode();
        layers.forEach(l -> {
            if (keep.contains(l.path("name").asText())) {
                kept.add(l);
            }
        });
        return kept;
    }

    private static void fixReluBounds(JsonNode layer) {
        if (!"ReLU".equals(layer.path("class_name").asText())) {
            return;
        }
        ObjectNode config = (ObjectNode) layer.get("config");
        Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isIntegralNumber()) {
                f.setValue(DoubleNode.valueOf(f.getValue().asDouble()));
            }
        }
    }
}
