package dev.loupe.engine.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.KerasSources;
import dev.loupe.engine.backbone.PixelTransform;
import dev.loupe.engine.backbone.keras.KerasNet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole classifier as one Keras network, for the TF.js and Keras exports: an image input, a 1x1 convolution
 * that prepares the pixels ({@link PixelTransform}), the backbone's own Keras layers and weights up to its cut layer
 * (as its files hold them, with a fine-tuned model's own in place: {@link KerasPatch}), Loupe's pooling where it pooled, and the head as Dense layers. The feature
 * standardisation is folded into the first Dense layer and the calibration temperature into the last one, so the
 * network computes softmax(z / T) of the head's logits z: the calibrated probabilities, with standard layers only.
 */
final class KerasClassifier {

    static final String IMAGE = "image";
    static final String PIXELS = "loupe_pixels";
    static final String POOL = "loupe_gap";
    static final String CLASSES = "loupe_classes";

    private KerasClassifier() {
    }

    static KerasNet build(ExportSource source, PixelTransform.Source pixels) throws Exception {
        BackboneDescriptor d = source.backbone().descriptor();
        KerasNet backbone = KerasSources.read(d).cut(d.cutLayer());
        InputSpec spec = d.input();
        List<ObjectNode> layers = new ArrayList<>();
        Map<String, List<KerasNet.Tensor>> weights = new LinkedHashMap<>(backbone.weights());
        KerasPatch.apply(source.model().patch(), weights);
        for (String reserved : List.of(IMAGE, PIXELS, POOL, CLASSES, HeadLayers.HIDDEN)) {
            if (backbone.layer(reserved) != null) {
                throw new ExportException("The backbone has a layer named '" + reserved + "', a name the export "
                        + "uses itself: this backbone cannot be exported to Keras or TF.js.");
            }
        }
        layers.add(KerasLayers.input(IMAGE, spec.height(), spec.width()));
        PixelTransform t = PixelTransform.between(pixels, spec.withLayout(InputSpec.Layout.NHWC));
        layers.add(KerasLayers.conv1x1(PIXELS, IMAGE));
        weights.put(PIXELS, List.of(new KerasNet.Tensor("kernel", new long[]{1, 1, 3, 3}, t.hwio()),
                new KerasNet.Tensor("bias", new long[]{3}, t.bias())));
        for (ObjectNode layer : backbone.layers()) {
            if (layer.path("name").asText().equals(backbone.input())) {
                continue;
            }
            ObjectNode copy = layer.deepCopy();
            for (var node : copy.path("inbound_nodes")) {
                for (var edge : node) {
                    if (edge.get(0).asText().equals(backbone.input())) {
                        ((ArrayNode) edge).set(0, PIXELS);
                    }
                }
            }
            layers.add(copy);
        }
        String features = backbone.output();
        if (source.backbone().pooled()) {
            layers.add(KerasLayers.globalAveragePooling(POOL, features));
            features = POOL;
        }
        HeadLayers.add(source.model(), features, CLASSES, layers, weights);
        return new KerasNet(layers, IMAGE, CLASSES, weights, KerasFormat.KERAS_VERSION);
    }
}
