package dev.loupe.engine.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.loupe.engine.onnx.OnnxModelView;
import dev.loupe.engine.onnx.OnnxModelView.Node;
import dev.loupe.engine.onnx.TranslationException;
import tflite.ActivationFunctionType;
import tflite.BuiltinOperator;
import tflite.BuiltinOptions;
import tflite.Conv2DOptions;
import tflite.DepthwiseConv2DOptions;
import tflite.FullyConnectedOptions;
import tflite.Padding;
import tflite.Pool2DOptions;
import tflite.ReducerOptions;
import tflite.ResizeNearestNeighborOptions;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * The operators with weights or windows: convolutions (with the batch norm and activation after them folded in, as
 * TensorFlow's converter does), pooling, padding, resizing and dense layers.
 */
final class ConvOps {

    private static final String FORMAT = TfliteTranslator.FORMAT;

    private final TfliteTranslator t;
    private final OnnxModelView view;
    private final TfliteGraph g;

    ConvOps(TfliteTranslator t) {
        this.t = t;
        this.view = t.view;
        this.g = t.g;
    }

    /**
     * A convolution: group 1 is CONV_2D with weights {@code [out, kh, kw, in]}; one group per input channel is
     * DEPTHWISE_CONV_2D with weights {@code [1, kh, kw, in * multiplier]}. A batch norm that alone reads the result
     * is folded into the weights and bias; an activation after that into the operator.
     */
    void conv(Node n) {
        long[] w = view.dims(n.input(1));
        long inChannels = view.shape(n.input(0))[1];
        long group = n.integer("group", 1);
        boolean depthwise = group == inChannels && w[1] == 1 && group > 1;
        if (group != 1 && !depthwise) {
            throw new TranslationException(FORMAT, n, group + " groups over " + inChannels + " channels (only "
                    + "plain and depthwise convolutions are supported)");
        }
        float[] filter = depthwise ? view.permuted(n.input(1), 1, 2, 3, 0) : view.permuted(n.input(1), 0, 2, 3, 1);
        float[] bias = n.inputs().size() > 2 ? view.floats(n.input(2)) : new float[(int) w[0]];
        String out = n.output();
        Node bn = view.soleConsumer(out);
        String[] aliases = {};
        if (bn != null && bn.op().equals("BatchNormalization")) {
            float[][] ab = affine(bn);
            int per = filter.length / (int) w[0];
            for (int i = 0; i < filter.length; i++) {
                filter[i] *= ab[0][depthwise ? i % (int) w[0] : i / per]; // the output channel is last, or first
            }
            for (int o = 0; o < w[0]; o++) {
                bias[o] = bias[o] * ab[0][o] + ab[1][o];
            }
            t.absorbed.add(bn);
            aliases = new String[]{out};
            out = bn.output();
        }
        Fused act = fuse(out);
        if (act.node() != null) {
            aliases = append(aliases, out);
            out = act.node().output();
        }
        long[] s = n.ints("strides", 1, 1);
        long[] d = n.ints("dilations", 1, 1);
        int x = padded(n, t.tensor(n.input(0)));
        byte padding = padding(n);
        int b = g.constant(n.output() + "_bias", bias, (int) w[0]);
        int y = t.output(out, true, aliases);
        if (!depthwise) {
            int f = g.constant(n.output() + "_filter", filter, Layouts.ints(w[0], w[2], w[3], w[1]));
            g.op(BuiltinOperator.CONV_2D, 1, new int[]{x, f, b}, new int[]{y}, BuiltinOptions.Conv2DOptions,
                    o -> Conv2DOptions.createConv2DOptions(o, padding, (int) s[1], (int) s[0], act.code(),
                            (int) d[1], (int) d[0], (byte) 0));
        } else {
            int multiplier = (int) (w[0] / inChannels);
            int f = g.constant(n.output() + "_filter", filter, Layouts.ints(1, w[2], w[3], w[0]));
            int version = d[0] != 1 || d[1] != 1 ? 2 : 1;
            g.op(BuiltinOperator.DEPTHWISE_CONV_2D, version, new int[]{x, f, b}, new int[]{y},
                    BuiltinOptions.DepthwiseConv2DOptions, o -> DepthwiseConv2DOptions.createDepthwiseConv2DOptions(
                            o, padding, (int) s[1], (int) s[0], multiplier, act.code(), (int) d[1], (int) d[0]));
        }
    }

    /** A batch norm on its own: a per-channel MUL and ADD. */
    void batchNorm(Node n) {
        float[][] ab = affine(n);
        int c = ab[0].length;
        boolean nhwc = t.channelsLast(n.input(0));
        int scaled = g.tensor(n.output() + "_scaled", g.shape(t.tensor(n.input(0))));
        g.op(BuiltinOperator.MUL, 1, new int[]{t.tensor(n.input(0)), g.constant(n.output() + "_a", ab[0], c)},
                new int[]{scaled}, (byte) 0, null);
        int out = t.output(n.output(), nhwc);
        g.op(BuiltinOperator.ADD, 1, new int[]{scaled, g.constant(n.output() + "_b", ab[1], c)}, new int[]{out},
                (byte) 0, null);
    }

    /** Inference batch norm as y = a x + b per channel: a = gamma / sqrt(var + eps), b = beta - mean a. */
    private float[][] affine(Node bn) {
        float[] gamma = view.floats(bn.input(1));
        float[] beta = view.floats(bn.input(2));
        float[] mean = view.floats(bn.input(3));
        float[] var = view.floats(bn.input(4));
        double eps = bn.real("epsilon", 1e-5f);
        float[] a = new float[gamma.length];
        float[] b = new float[gamma.length];
        for (int c = 0; c < a.length; c++) {
            double scale = gamma[c] / Math.sqrt(var[c] + eps);
            a[c] = (float) scale;
            b[c] = (float) (beta[c] - mean[c] * scale);
        }
        return new float[][]{a, b};
    }

    /**
     * Max and average pooling. TFLite's SAME average leaves the padding out of the divisor, like ONNX's
     * {@code count_include_pad = 0}. Explicit padding is a PAD first; an average that leaves those zeros out of its
     * divisor is then multiplied, position by position, by the window's size over the input cells it covers.
     */
    void pool(Node n) {
        boolean max = n.op().equals("MaxPool");
        boolean same = n.text("auto_pad", "NOTSET").startsWith("SAME");
        long[] pads = n.ints("pads", 0, 0, 0, 0);
        boolean padded = Arrays.stream(pads).anyMatch(p -> p != 0);
        boolean countsPad = n.integer("count_include_pad", 0) == 1;
        if ((max && padded) || (!max && same && countsPad)) {
            throw new TranslationException(FORMAT, n, "this padding of a pooling window has no TFLite equivalent");
        }
        long[] k = n.ints("kernel_shape");
        long[] s = n.ints("strides", 1, 1);
        int x = padded(n, t.tensor(n.input(0)));
        byte padding = padding(n);
        byte options = BuiltinOptions.Pool2DOptions;
        int op = max ? BuiltinOperator.MAX_POOL_2D : BuiltinOperator.AVERAGE_POOL_2D;
        ToIntFunction<FlatBufferBuilder> pool = f -> Pool2DOptions
                .createPool2DOptions(f, padding, (int) s[1], (int) s[0], (int) k[1], (int) k[0], (byte) 0);
        if (max || !padded || countsPad) {
            t.simple(n, op, options, pool, x);
            return;
        }
        long[] out = view.shape(n.output());
        long[] in = view.shape(n.input(0));
        int summed = g.tensor(n.output() + "_padded_mean", Layouts.ints(out[0], out[2], out[3], out[1]));
        g.op(op, 1, new int[]{x}, new int[]{summed}, options, pool);
        float[] correction = new float[(int) (out[2] * out[3])];
        for (int i = 0; i < out[2]; i++) {
            for (int j = 0; j < out[3]; j++) {
                long rows = cover(i * s[0] - pads[0], k[0], in[2]);
                long cols = cover(j * s[1] - pads[1], k[1], in[3]);
                correction[(int) (i * out[3] + j)] = (float) (k[0] * k[1]) / (rows * cols);
            }
        }
        t.simple(n, BuiltinOperator.MUL, (byte) 0, null, summed, g.constant(n.output() + "_divisor", correction,
                1, (int) out[2], (int) out[3], 1));
    }

    /** How many of the cells {@code start .. start + size - 1} lie inside {@code 0 .. length - 1}. */
    private static long cover(long start, long size, long length) {
        return Math.min(start + size, length) - Math.max(start, 0);
    }

    /** Global pooling keeps the 1x1 spatial axes, as ONNX does: MEAN or REDUCE_MAX over height and width. */
    void globalPool(Node n) {
        int op = n.op().equals("GlobalAveragePool") ? BuiltinOperator.MEAN : BuiltinOperator.REDUCE_MAX;
        t.simple(n, op, BuiltinOptions.ReducerOptions, f -> ReducerOptions.createReducerOptions(f, true),
                t.tensor(n.input(0)), g.ints(n.output() + "_axes", new int[]{1, 2}, 2));
    }

    /** ONNX pads NCHW as {@code [n, c, top, left, n, c, bottom, right]}; TFLite NHWC as pairs per axis. */
    void pad(Node n) {
        long[] p = view.longs(n.input(1));
        if (p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) {
            throw new TranslationException(FORMAT, n, "only padding of the height and width is supported");
        }
        t.simple(n, BuiltinOperator.PAD, (byte) 0, null, t.tensor(n.input(0)), paddings(n.output(), p));
    }

    /** Nearest-neighbour upsampling (asymmetric, floor), which is TFLite's without align_corners or half pixels. */
    void resize(Node n) {
        long[] out = view.shape(n.output());
        t.simple(n, BuiltinOperator.RESIZE_NEAREST_NEIGHBOR, BuiltinOptions.ResizeNearestNeighborOptions,
                f -> ResizeNearestNeighborOptions.createResizeNearestNeighborOptions(f, false, false),
                t.tensor(n.input(0)), g.ints(n.output() + "_size", new int[]{(int) out[2], (int) out[3]}, 2));
    }

    /** Gemm (x times B plus C) is FULLY_CONNECTED with B transposed to TFLite's {@code [out, in]}. */
    void dense(Node n) {
        if (n.integer("transA", 0) != 0 || n.integer("transB", 0) != 0 || n.real("alpha", 1f) != 1f
                || n.real("beta", 1f) != 1f) {
            throw new TranslationException(FORMAT, n, "only Gemm without transposes or scaling is supported");
        }
        long[] w = view.dims(n.input(1));
        float[] bias = n.inputs().size() > 2 ? view.floats(n.input(2)) : new float[(int) w[1]];
        int weights = g.constant(n.output() + "_weights", view.permuted(n.input(1), 1, 0),
                Layouts.ints(w[1], w[0]));
        int b = g.constant(n.output() + "_bias", bias, (int) w[1]);
        int x = t.tensor(n.input(0));
        Fused act = fuse(n.output());
        String out = act.node() == null ? n.output() : act.node().output();
        int y = act.node() == null ? t.output(out, false) : t.output(out, false, n.output());
        g.op(BuiltinOperator.FULLY_CONNECTED, 1, new int[]{x, weights, b}, new int[]{y},
                BuiltinOptions.FullyConnectedOptions,
                f -> FullyConnectedOptions.createFullyConnectedOptions(f, act.code(), (byte) 0, false, false, (byte) 0));
    }

    /** An activation TFLite fuses into the operator before it, when nothing else reads that operator's result. */
    private record Fused(byte code, Node node) {
    }

    private Fused fuse(String tensor) {
        Node next = view.soleConsumer(tensor);
        if (next == null || tensor.equals(view.output())) {
            return new Fused(ActivationFunctionType.NONE, null);
        }
        byte code = ActivationFunctionType.NONE;
        if (next.op().equals("Relu")) {
            code = ActivationFunctionType.RELU;
        } else if (next.op().equals("Clip") && view.floats(next.input(1))[0] == 0f
                && view.floats(next.input(2))[0] == 6f) {
            code = ActivationFunctionType.RELU6;
        }
        if (code == ActivationFunctionType.NONE) {
            return new Fused(code, null);
        }
        t.absorbed.add(next);
        return new Fused(code, next);
    }

    private static String[] append(String[] names, String name) {
        String[] out = Arrays.copyOf(names, names.length + 1);
        out[names.length] = name;
        return out;
    }

    /** SAME_UPPER is TensorFlow's SAME; anything else is VALID, after a PAD when the node has explicit pads. */
    private static byte padding(Node n) {
        return n.text("auto_pad", "NOTSET").startsWith("SAME") ? Padding.SAME : Padding.VALID;
    }

    private int padded(Node n, int x) {
        long[] p = n.ints("pads", 0, 0, 0, 0);
        if (n.text("auto_pad", "NOTSET").equals("SAME_LOWER")) {
            throw new TranslationException(FORMAT, n, "SAME_LOWER padding has no TFLite equivalent");
        }
        if (Arrays.stream(p).allMatch(v -> v == 0)) {
            return x;
        }
        int[] in = g.shape(x);
        int[] shape = {in[0], (int) (in[1] + p[0] + p[2]), (int) (in[2] + p[1] + p[3]), in[3]};
        int out = g.tensor(n.output() + "_padded", shape);
        g.op(BuiltinOperator.PAD, 1, new int[]{x, paddings(n.output(), new long[]{0, 0, p[0], p[1], 0, 0, p[2],
                p[3]})}, new int[]{out}, (byte) 0, null);
        return out;
    }

    private int paddings(String name, long[] p) {
        return g.ints(name + "_paddings", new int[]{0, 0, (int) p[2], (int) p[6], (int) p[3], (int) p[7], 0, 0},
                4, 2);
    }
}
