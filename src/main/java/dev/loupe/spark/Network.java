package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.Device;
import dev.loupe.engine.util.Hashes;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.io.Serializable;
import java.util.List;

/**
 * An ONNX network as the executors get it: its bytes in a Spark broadcast (sent once per executor, kept on its
 * disk), how to feed it, and the device to run it on. A backbone gives features; a whole classifier (backbone,
 * scaler, head, temperature) gives probabilities.
 *
 * @param id      the backbone id (or the model's name), part of the cache key of the features
 * @param input   how images are prepared (NCHW, as the exported graphs take them)
 * @param outputs floats per image out of the network
 * @param key     a hash of the bytes: executors keep one set of sessions per network
 */
record Network(String id, InputSpec input, int outputs, Broadcast<byte[]> onnx, Device device, String key)
        implements Serializable {

    static Network broadcast(JavaSparkContext sc, String id, InputSpec input, int outputs, byte[] onnx,
                             Device device) {
        String key = id + "-" + Hashes.sha256(onnx).substring(0, 16) + "-" + device;
        return new Network(id, input.withLayout(InputSpec.Layout.NCHW), outputs, sc.broadcast(onnx), device, key);
    }

    /** What {@code OrtFeatureExtractor} needs to know: the id, input and output size. */
    BackboneDescriptor descriptor() {
        return new BackboneDescriptor(id, id, "onnx", List.of(), input, "", outputs, 0, 0, "", "",
                BackboneState.IMPORTED);
    }
}
