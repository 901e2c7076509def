package dev.loupe.engine.coreml;

import CoreML.Specification.NeuralNetworkOuterClass.BatchnormLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.BorderAmounts;
import CoreML.Specification.NeuralNetworkOuterClass.ConvolutionLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.InnerProductLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.PaddingLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.PoolingLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.SamePadding;
import CoreML.Specification.NeuralNetworkOuterClass.UpsampleLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.ValidPadding;
import dev.loupe.engine.onnx.OnnxModelView;
import dev.loupe.engine.onnx.OnnxModelView.Node;
import dev.loupe.engine.onnx.TranslationException;

import java.util.Arrays;

/**
 * The layers with weights or windows: convolutions, batch norm, pooling, padding, upsampling and dense layers. Core
 * ML's convolution weights are {@code [out, in / groups, kh, kw]}, as ONNX's; its SAME padding puts the odd extra
 * row and column at the bottom and right, as ONNX's SAME_UPPER.
 */
final class WindowLayers {

    private static final String FORMAT = CoremlTranslator.FORMAT;

    private final CoremlTranslator t;
    private final OnnxModelView view;

    WindowLayers(CoremlTranslator t) {
        this.t = t;
        this.view = t.view;
    }

    void conv(Node n) {
        long[] w = view.dims(n.input(1));
        long[] s = n.ints("strides", 1, 1);
        long[] d = n.ints("dilations", 1, 1);
        ConvolutionLayerParams.Builder c = ConvolutionLayerParams.newBuilder()
                .setOutputChannels(w[0]).setKernelChannels(w[1]).setNGroups(n.integer("group", 1))
                .addKernelSize(w[2]).addKernelSize(w[3]).addStride(s[0]).addStride(s[1])
                .addDilationFactor(d[0]).addDilationFactor(d[1])
                .setWeights(Weights.of(view.floats(n.input(1))));
        if (same(n)) {
            c.setSame(SamePadding.newBuilder().setAsymmetryMode(SamePadding.SamePaddingMode.BOTTOM_RIGHT_HEAVY));
        } else {
            c.setValid(ValidPadding.newBuilder().setPaddingAmounts(borders(n.ints("pads", 0, 0, 0, 0))));
        }
        if (n.inputs().size() > 2) {
            c.setHasBias(true).setBias(Weights.of(view.floats(n.input(2))));
        }
        t.add(n, t.layer(n, n.input(0)).setConvolution(c));
    }

    void batchNorm(Node n) {
        float[] gamma = view.floats(n.input(1));
        t.add(n, t.layer(n, n.input(0)).setBatchnorm(BatchnormLayerParams.newBuilder()
                .setChannels(gamma.length).setEpsilon(n.real("epsilon", 1e-5f))
                .setGamma(Weights.of(gamma)).setBeta(Weights.of(view.floats(n.input(2))))
                .setMean(Weights.of(view.floats(n.input(3)))).setVariance(Weights.of(view.floats(n.input(4))))));
    }

    /** Windowed pooling; an average leaves the padding out of its divisor unless ONNX's count_include_pad says. */
    void pool(Node n) {
        long[] k = n.ints("kernel_shape");
        long[] s = n.ints("strides", 1, 1);
        PoolingLayerParams.Builder p = PoolingLayerParams.newBuilder()
                .setType(n.op().equals("MaxPool") ? PoolingLayerParams.PoolingType.MAX
                        : PoolingLayerParams.PoolingType.AVERAGE)
                .addKernelSize(k[0]).addKernelSize(k[1]).addStride(s[0]).addStride(s[1])
                .setAvgPoolExcludePadding(n.integer("count_include_pad", 0) == 0);
        if (same(n)) {
            p.setSame(SamePadding.newBuilder().setAsymmetryMode(SamePadding.SamePaddingMode.BOTTOM_RIGHT_HEAVY));
        } else {
            p.setValid(ValidPadding.newBuilder().setPaddingAmounts(borders(n.ints("pads", 0, 0, 0, 0))));
        }
        t.add(n, t.layer(n, n.input(0)).setPooling(p));
    }

    /** Global pooling keeps a 1x1 map, as ONNX's does. */
    void globalPool(Node n) {
        long[] x = view.shape(n.input(0));
        t.add(n, t.layer(n, n.input(0)).setPooling(PoolingLayerParams.newBuilder()
                .setType(n.op().equals("GlobalMaxPool") ? PoolingLayerParams.PoolingType.MAX
                        : PoolingLayerParams.PoolingType.AVERAGE)
                .setGlobalPooling(true).addKernelSize(x[2]).addKernelSize(x[3]).addStride(1).addStride(1)
                .setValid(ValidPadding.newBuilder().setPaddingAmounts(borders(new long[4])))));
    }

    /** ONNX pads NCHW as {@code [n, c, top, left, n, c, bottom, right]}. */
    void pad(Node n) {
        long[] p = view.longs(n.input(1));
        if (p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) {
            throw new TranslationException(FORMAT, n, "only padding of the height and width is supported");
        }
        t.add(n, t.layer(n, n.input(0)).setPadding(PaddingLayerParams.newBuilder()
                .setConstant(PaddingLayerParams.PaddingConstant.newBuilder().setValue(0f))
                .setPaddingAmounts(borders(new long[]{p[2], p[3], p[6], p[7]}))));
    }

    void upsample(Node n) {
        float[] scales = view.floats(n.input(2));
        if (scales[2] != Math.rint(scales[2]) || scales[3] != Math.rint(scales[3])) {
            throw new TranslationException(FORMAT, n, "only upsampling by whole factors is supported");
        }
        t.add(n, t.layer(n, n.input(0)).setUpsample(UpsampleLayerParams.newBuilder()
                .addScalingFactor((long) scales[2]).addScalingFactor((long) scales[3])
                .setMode(UpsampleLayerParams.InterpolationMode.NN)));
    }

    /** Gemm: Core ML's weights are {@code [out, in]}, ONNX's B {@code [in, out]}. */
    void innerProduct(Node n) {
        if (n.integer("transA", 0) != 0 || n.integer("transB", 0) != 0 || n.real("alpha", 1f) != 1f
                || n.real("beta", 1f) != 1f) {
            throw new TranslationException(FORMAT, n, "only Gemm without transposes or scaling is supported");
        }
        long[] w = view.dims(n.input(1));
        InnerProductLayerParams.Builder ip = InnerProductLayerParams.newBuilder()
                .setInputChannels(w[0]).setOutputChannels(w[1])
                .setWeights(Weights.of(view.permuted(n.input(1), 1, 0)));
        if (n.inputs().size() > 2) {
            ip.setHasBias(true).setBias(Weights.of(view.floats(n.input(2))));
        }
        t.add(n, t.layer(n, n.input(0)).setInnerProduct(ip));
    }

    private static boolean same(Node n) {
        String pad = n.text("auto_pad", "NOTSET");
        if (pad.equals("SAME_LOWER")) {
            throw new TranslationException(FORMAT, n, "SAME_LOWER padding has no Core ML equivalent");
        }
        return pad.equals("SAME_UPPER");
    }

    /** ONNX's {@code [top, left, bottom, right]} as Core ML's border amounts: height first, then width. */
    private static BorderAmounts borders(long[] p) {
        if (Arrays.stream(p).anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("negative padding " + Arrays.toString(p));
        }
        return BorderAmounts.newBuilder()
                .addBorderAmounts(BorderAmounts.EdgeSizes.newBuilder().setStartEdgeSize(p[0]).setEndEdgeSize(p[2]))
                .addBorderAmounts(BorderAmounts.EdgeSizes.newBuilder().setStartEdgeSize(p[1]).setEndEdgeSize(p[3]))
                .build();
    }
}
