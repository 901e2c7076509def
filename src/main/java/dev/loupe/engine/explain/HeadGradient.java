package dev.loupe.engine.explain;

import dev.loupe.engine.model.ModelBundle;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * The gradient of a class's logit (the head's score before softmax) with respect to the backbone's features, as the
 * head sees them: standardised by the model's scaler, then through Loupe's head (softmax regression, or one hidden
 * ReLU layer before it; dropout is off at inference). Computed here in plain Java: the head is small, and one
 * gradient costs one pass over its weights. For softmax regression the gradient is the class's weight row times the
 * scaler's scale, whatever the features (class activation mapping); with the hidden layer it depends on which
 * hidden units the image switches on (Grad-CAM).
 */
final class HeadGradient {

    private final float[] mean;
    private final float[] scale;
    /** The hidden layer's weights, {@code [inputs][hidden]}, and bias; null for softmax regression. */
    private final float[][] hiddenWeights;
    private final float[] hiddenBias;
    /** The output layer's weights, {@code [inputs][classes]}. */
    private final float[][] outputWeights;

    HeadGradient(ModelBundle model) {
        this.mean = model.scaler().mean();
        this.scale = model.scaler().scale();
        Layer[] layers = model.head().getLayers();
        if (layers.length == 2 && isLayer(layers[0], DenseLayer.class, ActivationReLU.class)
                && isLayer(layers[1], OutputLayer.class, ActivationSoftmax.class)) {
            hiddenWeights = weights(layers[0]);
            hiddenBias = layers[0].getParam(DefaultParamInitializer.BIAS_KEY).toFloatVector();
        } else if (layers.length == 1 && isLayer(layers[0], OutputLayer.class, ActivationSoftmax.class)) {
            hiddenWeights = null;
            hiddenBias = null;
        } else {
            throw new IllegalArgumentException("This model's head is not one Loupe trains (softmax regression, or "
                    + "one hidden ReLU layer before it), so its heat maps cannot be computed.");
        }
        outputWeights = weights(layers[layers.length - 1]);
    }

    /** d logit[cls] / d features, at {@code features} (raw, before the scaler). */
    float[] of(float[] features, int cls) {
        float[] dz;
        if (hiddenWeights == null) {
            dz = column(outputWeights, cls);
        } else {
            int hidden = hiddenBias.length;
            float[] active = hiddenBias.clone();
            for (int i = 0; i < features.length; i++) {
                float z = (features[i] - mean[i]) * scale[i];
                float[] row = hiddenWeights[i];
                for (int h = 0; h < hidden; h++) {
                    active[h] += z * row[h];
                }
            }
            float[] dh = new float[hidden];
            for (int h = 0; h < hidden; h++) {
                dh[h] = active[h] > 0 ? outputWeights[h][cls] : 0;
            }
            dz = new float[features.length];
            for (int i = 0; i < features.length; i++) {
                float[] row = hiddenWeights[i];
                float sum = 0;
                for (int h = 0; h < hidden; h++) {
                    sum += row[h] * dh[h];
                }
                dz[i] = sum;
            }
        }
        float[] df = new float[features.length];
        for (int i = 0; i < df.length; i++) {
            df[i] = dz[i] * scale[i];
        }
        return df;
    }

    private static boolean isLayer(Layer layer, Class<?> type, Class<?> activation) {
        return layer.conf().getLayer().getClass() == type
                && activation.isInstance(((BaseLayer) layer.conf().getLayer()).getActivationFn());
    }

    private static float[][] weights(Layer layer) {
        return layer.getParam(DefaultParamInitializer.WEIGHT_KEY).toFloatMatrix();
    }

    private static float[] column(float[][] m, int c) {
        float[] out = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }
}
