package dev.loupe.engine.export;

import dev.loupe.engine.backbone.keras.KerasNet;
import dev.loupe.engine.finetune.BackbonePatch;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A fine-tuned model's backbone parameters ({@link BackbonePatch}, named and laid out as DL4J holds them) written
 * into the backbone's Keras weights, for the exports built from the Keras files (Keras, TF.js, web page). DL4J's
 * Keras import keeps the layer names; a convolution's kernel is [out, in, kh, kw] in DL4J and [kh, kw, in, out] in
 * Keras, a depthwise kernel [kh, kw, in, multiplier] in both.
 */
final class KerasPatch {

    private static final Map<String, String> NAMES = Map.of("b", "bias", "gamma", "gamma", "beta", "beta",
            "mean", "moving_mean", "var", "moving_variance");

    private KerasPatch() {
    }

    static void apply(BackbonePatch patch, Map<String, List<KerasNet.Tensor>> weights) throws ExportException {
        if (patch == null) {
            return;
        }
        for (var layer : patch.params().entrySet()) {
            List<KerasNet.Tensor> tensors = weights.get(layer.getKey());
            if (tensors == null) {
                throw new ExportException("The fine-tuned layer " + layer.getKey() + " is not in the backbone's "
                        + "Keras weights, so this model cannot be exported to Keras or TF.js.");
            }
            List<KerasNet.Tensor> patched = new ArrayList<>(tensors);
            for (var p : layer.getValue().entrySet()) {
                replace(layer.getKey(), patched, p.getKey(), p.getValue());
            }
            weights.put(layer.getKey(), List.copyOf(patched));
        }
    }

    private static void replace(String layer, List<KerasNet.Tensor> tensors, String param, INDArray values)
            throws ExportException {
        for (int i = 0; i < tensors.size(); i++) {
            KerasNet.Tensor t = tensors.get(i);
            INDArray v = null;
            if ("W".equals(param) && t.name().equals("depthwise_kernel")) {
                v = values;
            } else if ("W".equals(param) && t.name().equals("kernel") && values.rank() == 4) {
                v = values.permute(2, 3, 1, 0);
            } else if (t.name().equals(NAMES.get(param))) {
                v = values;
            }
            if (v != null) {
                if (!Arrays.equals(v.shape(), t.shape())) {
                    throw new ExportException("The fine-tuned " + param + " of layer " + layer + " is "
                            + Arrays.toString(v.shape()) + " but the backbone's Keras " + t.name() + " is "
                            + Arrays.toString(t.shape()) + ", so this model cannot be exported to Keras or TF.js.");
                }
                tensors.set(i, new KerasNet.Tensor(t.name(), t.shape(), v.dup('c').reshape(v.length())
                        .toFloatVector()));
                return;
            }
        }
        throw new ExportException("The backbone's Keras layer " + layer + " has no weight for the fine-tuned "
                + param + ", so this model cannot be exported to Keras or TF.js.");
    }
}
