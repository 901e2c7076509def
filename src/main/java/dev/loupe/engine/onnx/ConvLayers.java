package dev.loupe.engine.onnx;

import dev.loupe.engine.onnx.OnnxGraph.Attr;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Convolutions, zero padding, pooling and upsampling, all on NCHW tensors (Loupe rewrites imported graphs to NCHW). */
final class ConvLayers {

    private ConvLayers() {
    }

    /** A plain convolution: DL4J's weights are already ONNX's {@code [out, in, kh, kw]}. */
    static String conv(OnnxGraph g, String vertex, ConvolutionLayer conf, Map<String, INDArray> params, String x) {
        requireNchw(vertex, conf, conf.getCnn2dDataFormat());
        String w = g.constant(vertex + "_W", params.get("W"));
        return finish(g, vertex, conf, params, x, w, 1);
    }

    /**
     * A depthwise convolution. DL4J stores {@code [kh, kw, in, multiplier]}; ONNX wants a grouped convolution with
     * {@code group = in} and weights {@code [in * multiplier, 1, kh, kw]}, output channel {@code i * multiplier + m}
     * (the same channel order as TensorFlow's and DL4J's depthwise output).
     */
    static String depthwise(OnnxGraph g, String vertex, DepthwiseConvolution2D conf, Map<String, INDArray> params,
                            String x) {
        requireNchw(vertex, conf, conf.getCnn2dDataFormat());
        INDArray dl4j = params.get("W");
        long[] s = dl4j.shape();
        INDArray onnx = dl4j.permute(2, 3, 0, 1).dup('c').reshape('c', s[2] * s[3], 1, s[0], s[1]);
        String w = g.constant(vertex + "_W", onnx);
        return finish(g, vertex, conf, params, x, w, s[2]);
    }

    /**
     * A separable convolution (Xception): a depthwise convolution with the layer's kernel, stride and padding, then a
     * 1x1 convolution with the bias and activation. DL4J stores the depthwise weights {@code [multiplier, in, kh, kw]}
     * (its layer permutes them to TensorFlow's {@code [kh, kw, in, multiplier]}) and the pointwise ones already as
     * ONNX's {@code [out, in * multiplier, 1, 1]}.
     */
    static String separable(OnnxGraph g, String vertex, SeparableConvolution2D conf, Map<String, INDArray> params,
                            String x) {
        requireNchw(vertex, conf, conf.getCnn2dDataFormat());
        INDArray dl4j = params.get("W");
        long[] s = dl4j.shape();
        INDArray depthwise = dl4j.permute(1, 0, 2, 3).dup('c').reshape('c', s[1] * s[0], 1, s[2], s[3]);
        List<Attr> attrs = spatialAttrs(vertex, conf, s[1]);
        String mid = g.node("Conv", vertex + "_depthwise", attrs.toArray(new Attr[0]), x,
                g.constant(vertex + "_dW", depthwise));
        String pw = g.constant(vertex + "_pW", params.get("pW"));
        String y = g.node("Conv", vertex, new Attr[]{Attr.ints("kernel_shape", 1, 1)}, convInputs(g, vertex, conf,
                params, mid, pw));
        return Activations.apply(g, vertex, conf.getActivationFn(), y);
    }

    private static String finish(OnnxGraph g, String vertex, ConvolutionLayer conf, Map<String, INDArray> params,
                                 String x, String w, long group) {
        List<Attr> attrs = spatialAttrs(vertex, conf, group);
        String y = g.node("Conv", vertex, attrs.toArray(new Attr[0]), convInputs(g, vertex, conf, params, x, w));
        return Activations.apply(g, vertex, conf.getActivationFn(), y);
    }

    /** Conv's inputs: data, weights and, when the layer has one, its bias. */
    private static String[] convInputs(OnnxGraph g, String vertex, ConvolutionLayer conf,
                                       Map<String, INDArray> params, String x, String w) {
        if (!conf.hasBias() || !params.containsKey("b")) {
            return new String[]{x, w};
        }
        INDArray b = params.get("b");
        return new String[]{x, w, g.constant(vertex + "_b", b, b.length())};
    }

    /** Kernel, strides, dilations, group and padding of a convolution, as ONNX Conv attributes. */
    private static List<Attr> spatialAttrs(String vertex, ConvolutionLayer conf, long group) {
        List<Attr> attrs = new ArrayList<>();
        int[] k = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dil = conf.getDilation();
        attrs.add(Attr.ints("kernel_shape", k[0], k[1]));
        attrs.add(Attr.ints("strides", stride[0], stride[1]));
        attrs.add(Attr.ints("dilations", dil[0], dil[1]));
        attrs.add(Attr.integer("group", group));
        ConvolutionMode mode = conf.getConvolutionMode();
        if (mode == ConvolutionMode.Same) {
            // DL4J's Same pads like TensorFlow: the odd extra row/column goes at the bottom/right, i.e. SAME_UPPER.
            attrs.add(Attr.string("auto_pad", "SAME_UPPER"));
        } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            int[] p = conf.getPadding();
            attrs.add(Attr.ints("pads", p[0], p[1], p[0], p[1]));
        } else {
            throw OnnxExportException.unsupported(vertex, conf, "convolution mode " + mode + " is not supported "
                    + "(supported: Same, Truncate, Strict)");
        }
        return attrs;
    }

    /** DL4J pads {@code [top, bottom, left, right]}; ONNX {@code [n, c, top, left, n, c, bottom, right]}. */
    static String zeroPadding(OnnxGraph g, String vertex, ZeroPaddingLayer conf, String x) {
        requireNchw(vertex, conf, conf.getDataFormat());
        int[] p = conf.getPadding();
        String pads = g.longs(vertex + "_pads", 0, 0, p[0], p[2], 0, 0, p[1], p[3]);
        return g.node("Pad", vertex, x, pads);
    }

    /**
     * Windowed max or average pooling. DL4J's Same mode pads like TensorFlow (the odd extra row/column at the
     * bottom/right: {@code SAME_UPPER}); Truncate and Strict use the configured symmetric padding and floor the output
     * size ({@code ceil_mode = 0}). Average pooling divides by the whole window (padding included) when
     * {@code avgPoolIncludePadInDivisor} is set, which is ONNX's {@code count_include_pad}; otherwise by the cells of
     * the input the window covers. Opset 13's AveragePool has no dilations, so dilated average pooling is refused, as
     * is dilated Same-mode max pooling (ONNX Runtime's SAME padding ignores the dilation).
     */
    static String subsampling(OnnxGraph g, String vertex, SubsamplingLayer conf, String x) {
        requireNchw(vertex, conf, conf.getCnn2dDataFormat());
        int[] k = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dil = conf.getDilation() == null ? new int[]{1, 1} : conf.getDilation();
        boolean dilated = dil[0] != 1 || dil[1] != 1;
        List<Attr> attrs = new ArrayList<>();
        attrs.add(Attr.ints("kernel_shape", k[0], k[1]));
        attrs.add(Attr.ints("strides", stride[0], stride[1]));
        String op;
        switch (conf.getPoolingType()) {
            case MAX -> {
                op = "MaxPool";
                if (dilated) {
                    attrs.add(Attr.ints("dilations", dil[0], dil[1]));
                }
            }
            case AVG -> {
                op = "AveragePool";
                if (dilated) {
                    throw OnnxExportException.unsupported(vertex, conf, "dilated average pooling (dilation "
                            + Arrays.toString(dil) + "; ONNX opset " + OnnxGraph.OPSET + " AveragePool has none)");
                }
                attrs.add(Attr.integer("count_include_pad", conf.isAvgPoolIncludePadInDivisor() ? 1 : 0));
            }
            default -> throw OnnxExportException.unsupported(vertex, conf, "pooling type " + conf.getPoolingType()
                    + " is not supported (supported: MAX, AVG)");
        }
        ConvolutionMode mode = conf.getConvolutionMode();
        if (mode == ConvolutionMode.Same) {
            if (dilated) {
                throw OnnxExportException.unsupported(vertex, conf, "dilated pooling in Same mode (dilation "
                        + Arrays.toString(dil) + ")");
            }
            attrs.add(Attr.string("auto_pad", "SAME_UPPER"));
        } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            int[] p = conf.getPadding();
            attrs.add(Attr.ints("pads", p[0], p[1], p[0], p[1]));
        } else {
            throw OnnxExportException.unsupported(vertex, conf, "convolution mode " + mode + " is not supported "
                    + "(supported: Same, Truncate, Strict)");
        }
        return g.node(op, vertex, attrs.toArray(new Attr[0]), x);
    }

    /** Nearest-neighbour upsampling by integer factors: each pixel repeated {@code size} times along each axis. */
    static String upsampling(OnnxGraph g, String vertex, Upsampling2D conf, String x) {
        requireNchw(vertex, conf, conf.getFormat());
        int[] size = conf.getSize();
        String scales = g.constant(vertex + "_scales", new float[]{1, 1, size[0], size[1]}, 4);
        return g.node("Resize", vertex, new Attr[]{Attr.string("mode", "nearest"),
                Attr.string("coordinate_transformation_mode", "asymmetric"),
                Attr.string("nearest_mode", "floor")}, x, "", scales);
    }

    /** Average or max over the spatial axes, then flattened to {@code [batch, channels]} as DL4J collapses it. */
    static String globalPooling(OnnxGraph g, String vertex, GlobalPoolingLayer conf, String x) {
        int[] dims = conf.getPoolingDimensions();
        if (dims != null && !Arrays.equals(dims, new int[]{2, 3})) {
            throw OnnxExportException.unsupported(vertex, conf, "pooling over dimensions " + Arrays.toString(dims)
                    + " (only the spatial axes [2, 3] of an NCHW tensor are supported)");
        }
        String op = switch (conf.getPoolingType()) {
            case AVG -> "GlobalAveragePool";
            case MAX -> "GlobalMaxPool";
            default -> throw OnnxExportException.unsupported(vertex, conf, "pooling type " + conf.getPoolingType()
                    + " is not supported (supported: AVG, MAX)");
        };
        String pooled = g.node(op, vertex + "_pool", x);
        if (!conf.isCollapseDimensions()) {
            return pooled;
        }
        return g.node("Flatten", vertex, new Attr[]{Attr.integer("axis", 1)}, pooled);
    }

    private static void requireNchw(String vertex, Object conf, CNN2DFormat format) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw OnnxExportException.unsupported(vertex, conf, "data format " + format + " (the exporter takes "
                    + "NCHW graphs: load the backbone with BackboneLoader, which rewrites it to NCHW)");
        }
    }
}
