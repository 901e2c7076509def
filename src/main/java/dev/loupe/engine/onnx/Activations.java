package dev.loupe.engine.onnx;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** DL4J activation functions as ONNX operators. */
final class Activations {

    private Activations() {
    }

    /** Applies {@code fn} of layer {@code vertex} to tensor {@code x}; returns the result's name. */
    static String apply(OnnxGraph g, String vertex, IActivation fn, String x) {
        if (fn == null || fn instanceof ActivationIdentity) {
            return x;
        }
        if (fn instanceof ActivationReLU6) {
            return clip(g, vertex, x, 6f);
        }
        if (fn instanceof ActivationReLU relu) {
            // Keras' ReLU(max_value=6) imports as ActivationReLU with max 6: a Clip, not a plain Relu.
            if (!isZero(relu.getThreshold()) || !isZero(relu.getNegativeSlope())) {
                throw OnnxExportException.unsupported(vertex, fn, "ReLU with a threshold or negative slope ("
                        + relu.getThreshold() + ", " + relu.getNegativeSlope() + ") is not supported");
            }
            return relu.getMax() == null ? g.node("Relu", vertex + "_relu", x)
                    : clip(g, vertex, x, relu.getMax().floatValue());
        }
        if (fn instanceof ActivationLReLU leaky) {
            return g.node("LeakyRelu", vertex + "_lrelu",
                    new OnnxGraph.Attr[]{OnnxGraph.Attr.real("alpha", (float) leaky.getAlpha())}, x);
        }
        if (fn instanceof ActivationSoftmax) {
            // DL4J applies softmax over dimension 1 of a [batch, classes] matrix.
            return g.node("Softmax", vertex + "_softmax",
                    new OnnxGraph.Attr[]{OnnxGraph.Attr.integer("axis", 1)}, x);
        }
        if (fn instanceof ActivationSigmoid) {
            return g.node("Sigmoid", vertex + "_sigmoid", x);
        }
        if (fn instanceof ActivationTanH) {
            return g.node("Tanh", vertex + "_tanh", x);
        }
        throw OnnxExportException.unsupported(vertex, fn, "activation '" + fn + "' has no ONNX mapping here "
                + "(supported: identity, relu, relu6, leaky relu, softmax, sigmoid, tanh)");
    }

    private static String clip(OnnxGraph g, String vertex, String x, float max) {
        return g.node("Clip", vertex + "_clip", x, g.scalar(vertex + "_min", 0f), g.scalar(vertex + "_max", max));
    }

    private static boolean isZero(Double d) {
        return d == null || d == 0.0;
    }
}
