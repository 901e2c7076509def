package dev.loupe.engine.onnx;

import dev.loupe.engine.onnx.OnnxGraph.Attr;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Maps one DL4J layer (configuration plus its parameters) to ONNX nodes. Exact classes are matched, because DL4J's
 * specialised convolutions (separable, transposed, 1D/3D) subclass the plain one and would export wrongly.
 */
final class LayerMapper {

    private LayerMapper() {
    }

    /** Emits the layer applied to {@code x}; returns the name of its output tensor. */
    static String layer(OnnxGraph g, String vertex, Layer conf, Map<String, INDArray> params, String x) {
        Class<?> type = conf.getClass();
        if (type == ConvolutionLayer.class) {
            return ConvLayers.conv(g, vertex, (ConvolutionLayer) conf, params, x);
        }
        if (type == DepthwiseConvolution2D.class) {
            return ConvLayers.depthwise(g, vertex, (DepthwiseConvolution2D) conf, params, x);
        }
        if (type == SeparableConvolution2D.class) {
            return ConvLayers.separable(g, vertex, (SeparableConvolution2D) conf, params, x);
        }
        if (type == BatchNormalization.class) {
            return batchNorm(g, vertex, (BatchNormalization) conf, params, x);
        }
        if (type == ActivationLayer.class) {
            return Activations.apply(g, vertex, ((ActivationLayer) conf).getActivationFn(), x);
        }
        if (type == ZeroPaddingLayer.class) {
            return ConvLayers.zeroPadding(g, vertex, (ZeroPaddingLayer) conf, x);
        }
        if (type == GlobalPoolingLayer.class) {
            return ConvLayers.globalPooling(g, vertex, (GlobalPoolingLayer) conf, x);
        }
        if (type == SubsamplingLayer.class) {
            return ConvLayers.subsampling(g, vertex, (SubsamplingLayer) conf, x);
        }
        if (type == Upsampling2D.class) {
            return ConvLayers.upsampling(g, vertex, (Upsampling2D) conf, x);
        }
        if (type == DenseLayer.class || type == OutputLayer.class) {
            return dense(g, vertex, (BaseLayer) conf, params, x);
        }
        if (type == LossLayer.class) {
            return Activations.apply(g, vertex, ((LossLayer) conf).getActivationFn(), x); // the loss is training-only
        }
        if (type == DropoutLayer.class) {
            return x; // dropout is the identity at inference
        }
        throw OnnxExportException.unsupported(vertex, conf, "this layer type has no ONNX mapping (supported: "
                + "ConvolutionLayer, DepthwiseConvolution2D, SeparableConvolution2D, BatchNormalization, ActivationLayer, ZeroPaddingLayer, "
                + "GlobalPoolingLayer, SubsamplingLayer (MAX, AVG), Upsampling2D, DenseLayer, OutputLayer, LossLayer, DropoutLayer)");
    }

    /** The input preprocessor of a layer, if any. */
    static String preprocessor(OnnxGraph g, String vertex, InputPreProcessor pre, String x) {
        if (pre == null) {
            return x;
        }
        if (pre instanceof CnnToFeedForwardPreProcessor cnn
                && (cnn.getFormat() == null || cnn.getFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NCHW)) {
            // NCHW flattened in C order is exactly ONNX's Flatten from axis 1.
            return g.node("Flatten", vertex + "_flatten", new Attr[]{Attr.integer("axis", 1)}, x);
        }
        if (pre instanceof FeedForwardToCnnPreProcessor ff) {
            // DL4J reshapes a flat row in C order to [c, h, w] and passes an NCHW tensor through unchanged; a C-order
            // Reshape to [-1, c, h, w] does both (VGG16's zoo graph declares a flat input and starts with this).
            return g.node("Reshape", vertex + "_reshape", x, g.longs(vertex + "_shape", -1, ff.getNumChannels(),
                    ff.getInputHeight(), ff.getInputWidth()));
        }
        throw OnnxExportException.unsupported(vertex, pre, "this input preprocessor has no ONNX mapping "
                + "(supported: CnnToFeedForwardPreProcessor on NCHW, FeedForwardToCnnPreProcessor)");
    }

    /**
     * Inference-time batch norm. Read the parameters as DL4J uses them: with {@code lockGammaBeta} gamma and beta are
     * the configured constants, not parameters; with {@code useLogStd} DL4J stores log10 of the standard deviation
     * sqrt(var + eps) instead of the variance. DL4J never applies a batch-norm layer's activation.
     */
    private static String batchNorm(OnnxGraph g, String vertex, BatchNormalization conf,
                                    Map<String, INDArray> params, String x) {
        INDArray mean = params.get("mean");
        long n = mean.length();
        INDArray gamma = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(n, conf.getGamma()) : params.get("gamma");
        INDArray beta = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(n, conf.getBeta()) : params.get("beta");
        INDArray var;
        if (conf.isUseLogStd()) {
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(n, 10.0).castTo(mean.dataType()),
                    params.get("log10stdev").reshape(n), true);
            var = std.mul(std).subi(conf.getEps());
        } else {
            var = params.get("var");
        }
        return g.node("BatchNormalization", vertex,
                new Attr[]{Attr.real("epsilon", (float) conf.getEps())}, x,
                g.constant(vertex + "_gamma", gamma, n), g.constant(vertex + "_beta", beta, n),
                g.constant(vertex + "_mean", mean, n), g.constant(vertex + "_var", var, n));
    }

    /** Dense and output layers: DL4J's {@code W} is {@code [nIn, nOut]}, Gemm's B as is. Losses do not export. */
    private static String dense(OnnxGraph g, String vertex, BaseLayer conf, Map<String, INDArray> params, String x) {
        INDArray w = params.get("W");
        INDArray b = params.containsKey("b") ? params.get("b") : Nd4j.zeros(w.dataType(), w.size(1));
        String y = g.node("Gemm", vertex, x, g.constant(vertex + "_W", w),
                g.constant(vertex + "_b", b, w.size(1)));
        return Activations.apply(g, vertex, conf.getActivationFn(), y);
    }
}
