package dev.loupe.engine.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.backbone.keras.KerasNet;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.training.FeatureScaler;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * A model's head as Keras Dense layers: the hidden ReLU layer if it has one, then the softmax layer. The feature
 * standardisation ((x - mean) * scale) is folded into the first layer's weights and bias, and the calibration
 * temperature into the last: softmax(log(softmax(z)) / T) = softmax(z / T), which is Loupe's calibration wherever no
 * probability falls below the 1e-12 floor Loupe takes logarithms above.
 */
final class HeadLayers {

    static final String HIDDEN = "loupe_hidden";

    private HeadLayers() {
    }

    static void add(ModelBundle model, String features, String output, List<ObjectNode> layers,
                    Map<String, List<KerasNet.Tensor>> weights) throws ExportException {
        MultiLayerNetwork head = model.head();
        int n = head.getnLayers();
        if (n < 1 || n > 2) {
            throw new ExportException("The model's head has " + n + " layers; the export knows heads of one or two.");
        }
        String input = features;
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            Layer layer = head.getLayer(i);
            var conf = layer.conf().getLayer();
            boolean ok = last ? conf instanceof OutputLayer o && o.getActivationFn() instanceof ActivationSoftmax
                    : conf instanceof DenseLayer dl && dl.getActivationFn() instanceof ActivationReLU;
            if (!ok) {
                throw new ExportException("The model's head layer " + i + " (" + conf.getClass().getSimpleName()
                        + ", " + ((BaseLayer) conf).getActivationFn() + ") is not a Dense ReLU or softmax layer.");
            }
            INDArray w = layer.getParam("W");
            INDArray b = layer.getParam("b");
            double[][] kernel = w.toDoubleMatrix();
            double[] bias = b.reshape(b.length()).toDoubleVector();
            if (i == 0) {
                fold(model.scaler(), kernel, bias);
            }
            if (last) {
                double t = model.manifest().temperature();
                scale(kernel, bias, 1 / t);
            }
            String name = last ? output : HIDDEN;
            layers.add(KerasLayers.dense(name, input, bias.length, last ? "softmax" : "relu"));
            weights.put(name, List.of(new KerasNet.Tensor("kernel", new long[]{kernel.length, bias.length},
                    flat(kernel)), new KerasNet.Tensor("bias", new long[]{bias.length}, floats(bias))));
            input = name;
        }
    }

    /** (x - m) * s as input: W'[i][o] = s[i] W[i][o], b'[o] = b[o] - sum over i of m[i] s[i] W[i][o]. */
    private static void fold(FeatureScaler scaler, double[][] kernel, double[] bias) {
        for (int i = 0; i < kernel.length; i++) {
            for (int o = 0; o < bias.length; o++) {
                double scaled = scaler.scale()[i] * kernel[i][o];
                bias[o] -= scaler.mean()[i] * scaled;
                kernel[i][o] = scaled;
            }
        }
    }

    private static void scale(double[][] kernel, double[] bias, double f) {
        for (double[] row : kernel) {
            for (int o = 0; o < row.length; o++) {
                row[o] *= f;
            }
        }
        for (int o = 0; o < bias.length; o++) {
            bias[o] *= f;
        }
    }

    private static float[] flat(double[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                out[i * m[i].length + j] = (float) m[i][j];
            }
        }
        return out;
    }

    private static float[] floats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
