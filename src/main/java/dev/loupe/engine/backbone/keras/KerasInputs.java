package dev.loupe.engine.backbone.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an imported Keras network takes and where its features end, read from its own configuration: the input size,
 * greyscale inputs turned into RGB ones, and the default cut.
 */
public final class KerasInputs {

    /** Teachable Machine's grey conversion of RGB (its cropTensor), which Loupe applies for a greyscale model. */
    static final float[] LUMINANCE = {0.2989f, 0.5870f, 0.1140f};
    static final String GREY = "loupe_grey";

    /** The layer types after which a classifier's head begins: pooling and flattening. */
    private static final Set<String> CUTS = Set.of("GlobalAveragePooling2D", "GlobalMaxPooling2D",
            "GlobalAveragePooling1D", "GlobalMaxPooling1D", "MaxPooling2D", "AveragePooling2D", "Flatten");

    private KerasInputs() {
    }

    /** {height, width, channels} from the input layer's {@code batch_input_shape}; 0 where it is left open. */
    public static int[] shape(KerasNet net) {
        JsonNode input = net.layer(net.input());
        JsonNode shape = input == null ? null : input.path("config").path("batch_input_shape");
        if (shape == null || shape.size() != 4) {
            return new int[]{0, 0, 3};
        }
        return new int[]{shape.get(1).asInt(0), shape.get(2).asInt(0), shape.get(3).asInt(3)};
    }

    /**
     * Where to cut when the user does not say: after the last pooling or flatten layer, where in a classifier the
     * convolutional features end and its head begins (Keras applications, Teachable Machine, small CNNs); a network
     * with none is cut at its output. See {@link #featureLayer} for a Flatten.
     */
    public static String defaultCut(KerasNet net) {
        List<ObjectNode> layers = net.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (CUTS.contains(layers.get(i).path("class_name").asText())) {
                return featureLayer(net, layers.get(i).path("name").asText());
            }
        }
        return net.output();
    }

    /**
     * The layer whose output Loupe takes as features when asked to cut at {@code layer}: the layer itself, except a
     * Flatten (which DL4J cannot end a graph in), whose spatial input is taken instead and average-pooled like any
     * spatial cut (the usual transfer-learning feature, and the same in every export).
     */
    public static String featureLayer(KerasNet net, String layer) {
        ObjectNode l = net.layer(layer);
        if (l != null && "Flatten".equals(l.path("class_name").asText()) && !KerasNet.inbound(l).isEmpty()) {
            return KerasNet.inbound(l).get(0);
        }
        return layer;
    }

    /**
     * The network taking RGB: a greyscale one ({@code [.., 1]} input) gets a 1x1 convolution from RGB to grey in
     * front, with Teachable Machine's luminance weights, so Loupe's three-channel pipeline feeds it; others are
     * returned as they are. Any other channel count is refused.
     */
    public static KerasNet rgb(KerasNet net) throws IOException {
        int channels = shape(net)[2];
        if (channels == 3) {
            return net;
        }
        if (channels != 1) {
            throw new IOException("the model takes images with " + channels + " channels; Loupe feeds RGB (3) or "
                    + "greyscale (1) images");
        }
        List<ObjectNode> layers = new ArrayList<>();
        for (ObjectNode layer : net.layers()) {
            ObjectNode copy = layer.deepCopy();
            if (copy.path("name").asText().equals(net.input())) {
                ((ArrayNode) copy.path("config").path("batch_input_shape")).set(3, 3);
                layers.add(copy);
                layers.add(greyLayer(net.input()));
                continue;
            }
            for (JsonNode node : copy.path("inbound_nodes")) {
                for (JsonNode edge : node) {
                    if (edge.get(0).asText().equals(net.input())) {
                        ((ArrayNode) edge).set(0, GREY);
                    }
                }
            }
            layers.add(copy);
        }
        Map<String, List<KerasNet.Tensor>> weights = new LinkedHashMap<>(net.weights());
        weights.put(GREY, List.of(new KerasNet.Tensor("kernel", new long[]{1, 1, 3, 1}, LUMINANCE.clone())));
        return new KerasNet(layers, net.input(), net.output(), weights, net.kerasVersion());
    }

    private static ObjectNode greyLayer(String input) {
        ObjectNode layer = KerasNet.JSON.createObjectNode();
        layer.put("class_name", "Conv2D");
        layer.put("name", GREY);
        ObjectNode c = layer.putObject("config");
        c.put("name", GREY);
        c.put("trainable", false);
        c.put("filters", 1);
        c.putArray("kernel_size").add(1).add(1);
        c.putArray("strides").add(1).add(1);
        c.put("padding", "valid");
        c.put("data_format", "channels_last");
        c.putArray("dilation_rate").add(1).add(1);
        c.put("activation", "linear");
        c.put("use_bias", false);
        ObjectNode init = c.putObject("kernel_initializer");
        init.put("class_name", "Zeros");
        init.putObject("config");
        ObjectNode bias = c.putObject("bias_initializer");
        bias.put("class_name", "Zeros");
        bias.putObject("config");
        for (String none : new String[]{"kernel_regularizer", "bias_regularizer", "activity_regularizer",
                "kernel_constraint", "bias_constraint"}) {
            c.putNull(none);
        }
        layer.putArray("inbound_nodes").addArray().addArray().add(input).add(0).add(0).addObject();
        return layer;
    }
}
