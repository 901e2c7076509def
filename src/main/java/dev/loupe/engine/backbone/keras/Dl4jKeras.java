package dev.loupe.engine.backbone.keras;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link KerasNet} into a DL4J graph (NHWC, as Keras defines it): the topology goes through DL4J's Keras
 * import, and each layer's tensors through that layer's own {@link KerasLayer#setWeights}, which knows how Keras lays
 * out convolution, depthwise and batch-norm parameters (the path {@code KerasModelUtils.importWeights} takes for
 * HDF5 files).
 */
public final class Dl4jKeras {

    private Dl4jKeras() {
    }

    public static ComputationGraph build(KerasNet net) throws IOException {
        // DL4J reads the major version from the first character; TF.js writes e.g. "tfjs-layers 1.3.1" (Keras 2).
        String v = net.kerasVersion();
        String version = !v.isEmpty() && Character.isDigit(v.charAt(0)) ? v : "2.2.4";
        try {
            KerasModel keras = new KerasModel().modelBuilder().modelJson(net.dl4jJson(version))
                    .enforceTrainingConfig(false).buildModel();
            assignWeights(keras, net);
            return keras.getComputationGraph(true);
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException e) {
            throw new IOException("DL4J cannot import this model: " + e.getMessage(), e);
        }
    }

    private static void assignWeights(KerasModel keras, KerasNet net)
            throws IOException, InvalidKerasConfigurationException {
        for (Map.Entry<String, KerasLayer> e : keras.getLayers().entrySet()) {
            KerasLayer layer = e.getValue();
            List<KerasNet.Tensor> tensors = net.weights().get(e.getKey());
            if (tensors == null || tensors.isEmpty()) {
                if (layer.getNumParams() > 0) {
                    throw new IOException("the model's weights hold nothing for layer " + e.getKey());
                }
                continue;
            }
            Map<String, INDArray> weights = new HashMap<>();
            for (KerasNet.Tensor t : tensors) {
                if (weights.put(t.name(), Nd4j.create(t.values(), t.shape(), 'c')) != null) {
                    throw new IOException("two weights named '" + t.name() + "' for layer " + e.getKey());
                }
            }
            if (weights.size() != layer.getNumParams()) {
                throw new IOException("layer " + e.getKey() + " takes " + layer.getNumParams() + " weights, "
                        + "the model's weights have " + weights.keySet());
            }
            layer.setWeights(weights);
        }
    }
}
