package dev.loupe.engine.backbone.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the layers of nested Keras containers into one list of functional layers, each with explicit inbound
 * nodes. A container's input layer is replaced by the tensor that feeds the container.
 */
final class Flattener {

    private final ArrayNode layers = KerasNet.JSON.createArrayNode();
    private String inputName;

    ArrayNode layers() {
        return layers;
    }

    String inputName() {
        return inputName;
    }

    /** Adds a layer or container fed by {@code input} (null: the model's input); returns its output's name. */
    String add(JsonNode layer, String input) throws IOException {
        String type = layer.path("class_name").asText();
        return switch (type) {
            case "Sequential" -> addSequential(layer, input);
            case "Model", "Functional" -> addFunctional(layer, input);
            default -> addPlain(layer, input);
        };
    }

    private String addSequential(JsonNode seq, String input) throws IOException {
        JsonNode config = seq.path("config");
        JsonNode list = config.isArray() ? config : config.path("layers");
        String current = input;
        for (JsonNode layer : list) {
            if (current == null && !isContainer(layer)) {
                current = addInput(layer, config.path("name").asText("sequential") + "_input");
            }
            current = add(layer, current);
        }
        return current;
    }

    private String addFunctional(JsonNode model, String input) throws IOException {
        JsonNode config = model.path("config");
        if (config.path("input_layers").size() != 1 || config.path("output_layers").size() != 1) {
            throw new IOException("only models with one input and one output are supported");
        }
        Map<String, String> renamed = new HashMap<>();
        for (JsonNode layer : config.path("layers")) {
            String name = layer.path("name").asText(layer.path("config").path("name").asText());
            if (isContainer(layer)) {
                throw new IOException("a nested model inside a functional model is not supported (" + name + ")");
            }
            if ("InputLayer".equals(layer.path("class_name").asText()) && input != null) {
                renamed.put(name, input);
                continue;
            }
            ObjectNode copy = layer.deepCopy();
            copy.put("name", name);
            for (JsonNode node : copy.path("inbound_nodes")) {
                for (JsonNode edge : node) {
                    String from = edge.get(0).asText();
                    ((ArrayNode) edge).set(0, renamed.getOrDefault(from, from));
                }
            }
            if ("InputLayer".equals(layer.path("class_name").asText())) {
                inputName = name;
            }
            layers.add(copy);
        }
        String out = config.path("output_layers").get(0).get(0).asText();
        return renamed.getOrDefault(out, out);
    }

    private String addPlain(JsonNode layer, String input) throws IOException {
        String name = layer.path("config").path("name").asText(layer.path("name").asText());
        if (input == null) {
            throw new IOException("layer " + name + " has no input");
        }
        ObjectNode copy = KerasNet.JSON.createObjectNode();
        copy.put("class_name", layer.path("class_name").asText());
        copy.put("name", name);
        ObjectNode config = layer.path("config").deepCopy();
        config.remove(List.of("batch_input_shape", "dtype"));
        copy.set("config", config);
        copy.putArray("inbound_nodes").addArray().addArray().add(input).add(0).add(0).addObject();
        layers.add(copy);
        return name;
    }

    private String addInput(JsonNode firstLayer, String name) throws IOException {
        JsonNode shape = firstLayer.path("config").path("batch_input_shape");
        if (!shape.isArray()) {
            throw new IOException("the first layer (" + firstLayer.path("config").path("name").asText()
                    + ") declares no batch_input_shape");
        }
        ObjectNode input = KerasNet.JSON.createObjectNode();
        input.put("class_name", "InputLayer");
        input.put("name", name);
        ObjectNode config = input.putObject("config");
        config.set("batch_input_shape", shape);
        config.put("dtype", "float32");
        config.put("sparse", false);
        config.put("name", name);
        input.putArray("inbound_nodes");
        layers.add(input);
        inputName = name;
        return name;
    }

    private static boolean isContainer(JsonNode layer) {
        String type = layer.path("class_name").asText();
        return type.equals("Sequential") || type.equals("Model") || type.equals("Functional");
    }

    static List<String> inboundNames(JsonNode layer) {
        List<String> names = new ArrayList<>();
        for (JsonNode node : layer.path("inbound_nodes")) {
            for (JsonNode edge : node) {
                names.add(edge.get(0).asText());
            }
        }
        return names;
    }
}
