package dev.loupe.engine.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.backbone.keras.KerasNet;

/**
 * The Keras layer configurations the exports add around a backbone, written as Keras 2 writes them (every field
 * Keras, TF.js and DL4J's Keras import read), so that all three load them.
 */
final class KerasLayers {

    private KerasLayers() {
    }

    static ObjectNode input(String name, int height, int width) {
        ObjectNode layer = layer("InputLayer", name, null);
        ObjectNode config = (ObjectNode) layer.get("config");
        config.putArray("batch_input_shape").addNull().add(height).add(width).add(3);
        config.put("dtype", "float32");
        config.put("sparse", false);
        return layer;
    }

    /** A 1x1 convolution from 3 channels to 3, with bias and no activation: the pixel preparation. */
    static ObjectNode conv1x1(String name, String input) {
        ObjectNode layer = layer("Conv2D", name, input);
        ObjectNode c = (ObjectNode) layer.get("config");
        c.put("filters", 3);
        c.putArray("kernel_size").add(1).add(1);
        c.putArray("strides").add(1).add(1);
        c.put("padding", "valid");
        c.put("data_format", "channels_last");
        c.putArray("dilation_rate").add(1).add(1);
        weighted(c, "linear");
        return layer;
    }

    static ObjectNode globalAveragePooling(String name, String input) {
        ObjectNode layer = layer("GlobalAveragePooling2D", name, input);
        ((ObjectNode) layer.get("config")).put("data_format", "channels_last");
        return layer;
    }

    static ObjectNode dense(String name, String input, int units, String activation) {
        ObjectNode layer = layer("Dense", name, input);
        ObjectNode c = (ObjectNode) layer.get("config");
        c.put("units", units);
        weighted(c, activation);
        return layer;
    }

    private static void weighted(ObjectNode c, String activation) {
        c.put("activation", activation);
        c.put("use_bias", true);
        ObjectNode init = c.putObject("kernel_initializer");
        init.put("class_name", "VarianceScaling");
        ObjectNode ic = init.putObject("config");
        ic.put("scale", 1.0);
        ic.put("mode", "fan_avg");
        ic.put("distribution", "uniform");
        ic.putNull("seed");
        ObjectNode bias = c.putObject("bias_initializer");
        bias.put("class_name", "Zeros");
        bias.putObject("config");
        for (String none : new String[]{"kernel_regularizer", "bias_regularizer", "activity_regularizer",
                "kernel_constraint", "bias_constraint"}) {
            c.putNull(none);
        }
    }

    private static ObjectNode layer(String type, String name, String input) {
        ObjectNode layer = KerasNet.JSON.createObjectNode();
        layer.put("class_name", type);
        layer.put("name", name);
        ObjectNode config = layer.putObject("config");
        config.put("name", name);
        config.put("trainable", true);
        var inbound = layer.putArray("inbound_nodes");
        if (input != null) {
            inbound.addArray().addArray().add(input).add(0).add(0).addObject();
        }
        return layer;
    }
}
