package dev.loupe.engine.backbone.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Keras network as Keras' own files describe it, independent of the file format: one flat list of functional
 * layers (nested Sequential and Model containers, as Teachable Machine writes them, flattened into one graph), its
 * input and output layer, and each layer's weights in Keras' layout and order (kernel [h, w, in, out], ...). Read
 * from TF.js and HDF5 files, built into DL4J by {@link Dl4jKeras}, and written back as TF.js or Keras files by the
 * exports, so every route shares one reading of Keras' conventions.
 *
 * @param layers  each {@code {"class_name", "name", "config", "inbound_nodes"}}, in topological order
 * @param weights      by layer name, in the layer's own order (e.g. gamma, beta, moving_mean, moving_variance)
 * @param kerasVersion the Keras version that wrote the configuration ("" when unknown): DL4J reads Keras 1 and 2
 *                     configurations differently
 */
public record KerasNet(List<ObjectNode> layers, String input, String output, Map<String, List<Tensor>> weights,
                       String kerasVersion) {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** One weight of a layer: its Keras name within the layer (kernel, bias, gamma, ...), shape and values. */
    public record Tensor(String name, long[] shape, float[] values) {

        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("weight " + name + " " + Arrays.toString(shape) + " needs " + n
                        + " values, has " + values.length);
            }
        }
    }

    public KerasNet {
        layers = List.copyOf(layers);
        weights = Map.copyOf(weights);
    }

    /**
     * The network a Keras topology describes ({@code model_config} of an H5 file, TF.js' {@code modelTopology} or a
     * Keras JSON file), with the given weights.
     */
    public static KerasNet of(JsonNode topology, Map<String, List<Tensor>> weights) throws IOException {
        JsonNode model = topology.has("model_config") ? topology.get("model_config") : topology;
        Flattener flat = new Flattener();
        String output = flat.add(model, null);
        List<ObjectNode> layers = new ArrayList<>();
        flat.layers().forEach(l -> layers.add((ObjectNode) l));
        return new KerasNet(layers, flat.inputName(), output, weights, topology.path("keras_version").asText(""));
    }

    /** The same network with these weights (and this Keras version, when the weights' file records one). */
    public KerasNet with(Map<String, List<Tensor>> newWeights, String version) {
        return new KerasNet(layers, input, output, newWeights, version.isEmpty() ? kerasVersion : version);
    }

    /** The layer with this name, or null. */
    public ObjectNode layer(String name) {
        return layers.stream().filter(l -> l.path("name").asText().equals(name)).findFirst().orElse(null);
    }

    public List<String> layerNames() {
        return layers.stream().map(l -> l.path("name").asText()).toList();
    }

    /** The names of the layers feeding {@code layer}. */
    public static List<String> inbound(JsonNode layer) {
        return Flattener.inboundNames(layer);
    }

    /** The network up to {@code layer}, which becomes its output; everything that does not feed it is dropped. */
    public KerasNet cut(String layer) throws IOException {
        if (layer(layer) == null) {
            throw new IOException("the model has no layer named '" + layer + "' to cut at");
        }
        Set<String> keep = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(layer));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (keep.add(name)) {
                todo.addAll(inbound(layer(name)));
            }
        }
        List<ObjectNode> kept = layers.stream().filter(l -> keep.contains(l.path("name").asText())).toList();
        Map<String, List<Tensor>> w = new LinkedHashMap<>();
        weights.forEach((k, v) -> {
            if (keep.contains(k)) {
                w.put(k, v);
            }
        });
        return new KerasNet(kept, input, layer, w, kerasVersion);
    }

    /**
     * The network as the Keras model JSON (class Model) that DL4J's Keras import reads: integer ReLU bounds become
     * doubles (DL4J's KerasReLU rejects {@code max_value: 6}), and trailing Reshape layers are dropped (DL4J maps a Reshape to a pre-processor of the next layer, so a graph cannot end in one;
     * Keras MobileNet v1 ends in Reshape [1000], and the values are the same in a [batch, 1, 1, classes] shape).
     */
    public String dl4jJson(String kerasVersion) throws IOException {
        List<ObjectNode> list = new ArrayList<>();
        layers.forEach(l -> list.add(l.deepCopy()));
        String out = output;
        while (!list.isEmpty()) {
            ObjectNode last = list.get(list.size() - 1);
            String type = last.path("class_name").asText();
            if (!last.path("name").asText().equals(out) || !type.equals("Reshape") || list.size() < 2) {
                break;
            }
            out = inbound(last).get(0);
            list.remove(list.size() - 1);
        }
        return JSON.writeValueAsString(model(list, out, kerasVersion));
    }

    /**
     * The Keras model JSON of this network as Keras writes it (class Model, functional; ReLU bounds as floats, as
     * Keras writes them where TF.js writes integers).
     */
    public ObjectNode modelJson(String kerasVersion) {
        List<ObjectNode> list = new ArrayList<>();
        layers.forEach(l -> list.add(l.deepCopy()));
        return model(list, output, kerasVersion);
    }

    private ObjectNode model(List<ObjectNode> list, String out, String kerasVersion) {
        list.forEach(KerasNet::fixReluBounds);
        ObjectNode config = JSON.createObjectNode();
        config.put("name", "model");
        ArrayNode array = config.putArray("layers");
        list.forEach(array::add);
        config.putArray("input_layers").addArray().add(input).add(0).add(0);
        config.putArray("output_layers").addArray().add(out).add(0).add(0);
        ObjectNode root = JSON.createObjectNode();
        root.put("class_name", "Model");
        root.set("config", config);
        root.put("keras_version", kerasVersion);
        root.put("backend", "tensorflow");
        return root;
    }

    private static void fixReluBounds(ObjectNode layer) {
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
