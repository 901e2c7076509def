package dev.loupe.engine.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.loupe.engine.onnx.OnnxModelView;
import dev.loupe.engine.onnx.OnnxModelView.Node;
import dev.loupe.engine.onnx.TranslationException;
import tflite.BuiltinOperator;
import tflite.BuiltinOptions;
import tflite.ConcatenationOptions;
import tflite.LeakyReluOptions;
import tflite.ReshapeOptions;
import tflite.SoftmaxOptions;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Translates a classifier graph from {@link OnnxModelView} into TFLite operators. ONNX's 4-D tensors are NCHW;
 * TFLite's kernels take NHWC, so each such tensor is stored channels-last (kept in {@link #channelsLast}) and the
 * operators' weights, axes and paddings are reordered to match, never the activations (no TRANSPOSE at run time,
 * except to flatten a feature map larger than 1x1 in NCHW order).
 */
final class TfliteTranslator {

    static final String FORMAT = "TFLite";

    final OnnxModelView view;
    final TfliteGraph g;
    /** TFLite tensor of each ONNX tensor translated so far. */
    private final Map<String, Integer> tensors = new HashMap<>();
    private final Set<String> channelsLast = new HashSet<>();
    /** Nodes folded into the operator before them (batch norm into a convolution, an activation into its op). */
    final Set<Node> absorbed = new HashSet<>();

    /** The translated graph with its input ({@code [1, h, w, 3]}) and output ({@code [1, classes]}) tensors. */
    record Translated(TfliteGraph graph, int input, int output) {
    }

    private TfliteTranslator(OnnxModelView view, TfliteExport.Precision precision) {
        this.view = view;
        this.g = new TfliteGraph(precision);
    }

    static Translated translate(OnnxModelView view, TfliteExport.Precision precision, String inputName,
                                String outputName) {
        TfliteTranslator t = new TfliteTranslator(view, precision);
        long[] in = view.inputShape();
        // The exporter's input is NCHW, or NHWC pixels that a Transpose turns into NCHW first.
        Node first = view.soleConsumer(view.input());
        boolean nchw = in.length == 4 && (first == null || !first.op().equals("Transpose"));
        if (nchw) {
            t.channelsLast.add(view.input());
        }
        int input = t.g.tensor(inputName, Layouts.ints(nchw ? new long[]{in[0], in[2], in[3], in[1]} : in));
        t.tensors.put(view.input(), input);
        ConvOps conv = new ConvOps(t);
        for (Node n : view.nodes()) {
            if (!t.absorbed.contains(n)) {
                t.emit(n, conv);
            }
        }
        int output = t.tensor(view.output());
        t.g.rename(output, outputName);
        return new Translated(t.g, input, output);
    }

    private void emit(Node n, ConvOps conv) {
        switch (n.op()) {
            case "Conv" -> conv.conv(n);
            case "BatchNormalization" -> conv.batchNorm(n);
            case "MaxPool", "AveragePool" -> conv.pool(n);
            case "GlobalAveragePool", "GlobalMaxPool" -> conv.globalPool(n);
            case "Pad" -> conv.pad(n);
            case "Resize" -> conv.resize(n);
            case "Gemm" -> conv.dense(n);
            case "Relu" -> unary(n, BuiltinOperator.RELU);
            case "Sigmoid" -> unary(n, BuiltinOperator.LOGISTIC);
            case "Tanh" -> unary(n, BuiltinOperator.TANH);
            case "Log" -> unary(n, BuiltinOperator.LOG);
            case "Clip" -> clip(n);
            case "LeakyRelu" -> simple(n, BuiltinOperator.LEAKY_RELU, BuiltinOptions.LeakyReluOptions,
                    b -> LeakyReluOptions.createLeakyReluOptions(b, n.real("alpha", 0.01f)), tensor(n.input(0)));
            case "Softmax" -> softmax(n);
            case "Sum", "Add" -> chain(n, BuiltinOperator.ADD);
            case "Max" -> chain(n, BuiltinOperator.MAXIMUM);
            case "Sub" -> chain(n, BuiltinOperator.SUB);
            case "Mul" -> chain(n, BuiltinOperator.MUL);
            case "Div" -> chain(n, BuiltinOperator.DIV);
            case "Mean" -> mean(n);
            case "Identity" -> alias(n, n.input(0));
            case "Flatten" -> flatten(n);
            case "Reshape" -> reshape(n);
            case "Transpose" -> transpose(n);
            case "Concat" -> concat(n);
            default -> throw new TranslationException(FORMAT, n, "this operator has no TFLite translation");
        }
    }

    // ---- tensors and layouts

    /** The TFLite tensor for an ONNX tensor: computed already, or a constant (float, in ONNX's layout). */
    int tensor(String onnx) {
        Integer t = tensors.get(onnx);
        if (t != null) {
            return t;
        }
        int c = g.constant(onnx, view.floats(onnx), Layouts.ints(view.dims(onnx)));
        tensors.put(onnx, c);
        return c;
    }

    boolean channelsLast(String onnx) {
        return channelsLast.contains(onnx);
    }

    /** Creates the tensor for {@code onnx} (NHWC when {@code nhwc}), mapping it and {@code aliases} to it. */
    int output(String onnx, boolean nhwc, String... aliases) {
        long[] s = view.shape(onnx);
        int t = g.tensor(onnx, Layouts.ints(nhwc ? new long[]{s[0], s[2], s[3], s[1]} : s));
        tensors.put(onnx, t);
        if (nhwc) {
            channelsLast.add(onnx);
        }
        for (String a : aliases) {
            tensors.put(a, t);
            if (nhwc) {
                channelsLast.add(a);
            }
        }
        return t;
    }

    private void alias(Node n, String of) {
        tensors.put(n.output(), tensor(of));
        if (channelsLast(of)) {
            channelsLast.add(n.output());
        }
    }

    /** One operator over the given inputs, giving node {@code n}'s output in the layout of its first input. */
    void simple(Node n, int op, byte optionsType, ToIntFunction<FlatBufferBuilder> options, int... inputs) {
        int out = output(n.output(), channelsLast(n.input(0)));
        g.op(op, 1, inputs, new int[]{out}, optionsType, options);
    }

    private void unary(Node n, int op) {
        simple(n, op, (byte) 0, null, tensor(n.input(0)));
    }

    // ---- element-wise

    /** Clip(0, 6) is RELU6; any other range a MAXIMUM and a MINIMUM. */
    private void clip(Node n) {
        float min = view.floats(n.input(1))[0];
        float max = view.floats(n.input(2))[0];
        if (min == 0f && max == 6f) {
            unary(n, BuiltinOperator.RELU6);
            return;
        }
        boolean nhwc = channelsLast(n.input(0));
        int low = g.tensor(n.output() + "_min", g.shape(tensor(n.input(0))));
        g.op(BuiltinOperator.MAXIMUM, 1, new int[]{tensor(n.input(0)), g.constant(n.output() + "_lo",
                new float[]{min})}, new int[]{low}, (byte) 0, null);
        int out = output(n.output(), nhwc);
        g.op(BuiltinOperator.MINIMUM, 1, new int[]{low, g.constant(n.output() + "_hi", new float[]{max})},
                new int[]{out}, (byte) 0, null);
    }

    private void softmax(Node n) {
        long axis = n.integer("axis", -1);
        if (view.shape(n.input(0)).length != 2 || (axis != 1 && axis != -1)) {
            throw new TranslationException(FORMAT, n, "only a softmax over the classes of a [batch, classes] "
                    + "matrix is supported");
        }
        simple(n, BuiltinOperator.SOFTMAX, BuiltinOptions.SoftmaxOptions,
                b -> SoftmaxOptions.createSoftmaxOptions(b, 1f), tensor(n.input(0)));
    }

    /** A binary operator applied left to right over the inputs (ONNX's Sum and Max take any number). */
    private void chain(Node n, int op) {
        int acc = operand(n, 0);
        boolean nhwc = channelsLast(n.input(0)) || channelsLast(n.input(1));
        for (int i = 1; i < n.inputs().size(); i++) {
            boolean last = i == n.inputs().size() - 1;
            int out = last ? output(n.output(), nhwc) : g.tensor(n.output() + "_" + i, g.shape(acc));
            g.op(op, 1, new int[]{acc, operand(n, i)}, new int[]{out}, (byte) 0, null);
            acc = out;
        }
    }

    private void mean(Node n) {
        int k = n.inputs().size();
        int sum = operand(n, 0);
        for (int i = 1; i < k; i++) {
            int next = g.tensor(n.output() + "_sum" + i, g.shape(sum));
            g.op(BuiltinOperator.ADD, 1, new int[]{sum, operand(n, i)}, new int[]{next}, (byte) 0, null);
            sum = next;
        }
        int out = output(n.output(), channelsLast(n.input(0)));
        g.op(BuiltinOperator.MUL, 1, new int[]{sum, g.constant(n.output() + "_n", new float[]{1f / k})},
                new int[]{out}, (byte) 0, null);
    }

    /**
     * Input {@code i} of a binary operator. A constant beside a channels-last tensor must be per channel
     * ({@code [c, 1, 1]}) or a scalar; it becomes {@code [c]}, which TFLite broadcasts over NHWC's last axis.
     */
    private int operand(Node n, int i) {
        String name = n.input(i);
        if (!view.isConstant(name)) {
            return tensor(name);
        }
        boolean nhwc = n.inputs().stream().anyMatch(this::channelsLast);
        long[] dims = view.dims(name);
        long size = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        if (!nhwc) {
            return tensor(name);
        }
        boolean perChannel = dims.length >= 3 && dims[dims.length - 1] == 1 && dims[dims.length - 2] == 1
                && size == dims[dims.length - 3];
        if (size != 1 && !perChannel) {
            throw new TranslationException(FORMAT, n, "a constant of shape " + Arrays.toString(dims)
                    + " beside a feature map (only per-channel constants and scalars are supported)");
        }
        return g.constant(name, view.floats(name), size == 1 ? new int[0] : new int[]{(int) size});
    }

    // ---- shapes

    /** NCHW flattening: a 1x1 feature map reshapes as it is; a larger one goes back to NCHW order first. */
    private void flatten(Node n) {
        long[] s = view.shape(n.input(0));
        int x = tensor(n.input(0));
        if (!channelsLast(n.input(0))) {
            reshapeTo(n, x, view.shape(n.output()));
            return;
        }
        if (s[2] * s[3] != 1) {
            int nchw = g.tensor(n.output() + "_nchw", Layouts.ints(s));
            g.op(BuiltinOperator.TRANSPOSE, 1, new int[]{x, g.ints(n.output() + "_perm", new int[]{0, 3, 1, 2}, 4)},
                    new int[]{nchw}, (byte) 0, null);
            x = nchw;
        }
        reshapeTo(n, x, view.shape(n.output()));
    }

    private void reshapeTo(Node n, int x, long[] shape) {
        int[] target = Layouts.ints(shape);
        target[0] = -1;
        int out = output(n.output(), false);
        g.op(BuiltinOperator.RESHAPE, 1, new int[]{x, g.ints(n.output() + "_shape", target, target.length)},
                new int[]{out}, BuiltinOptions.ReshapeOptions,
                b -> ReshapeOptions.createReshapeOptions(b, ReshapeOptions.createNewShapeVector(b, target)));
    }

    /** Only the reshape that leaves a tensor as it is (VGG16's graph starts with one) has a place here. */
    private void reshape(Node n) {
        if (!Arrays.equals(view.shape(n.input(0)), view.shape(n.output()))) {
            throw new TranslationException(FORMAT, n, "only a reshape that keeps the shape is supported");
        }
        alias(n, n.input(0));
    }

    /** An NHWC image turned into NCHW for the network is, in TFLite, the same tensor. */
    private void transpose(Node n) {
        if (!Arrays.equals(n.ints("perm"), new long[]{0, 3, 1, 2}) || channelsLast(n.input(0))) {
            throw new TranslationException(FORMAT, n, "only NHWC to NCHW at the input is supported");
        }
        tensors.put(n.output(), tensor(n.input(0)));
        channelsLast.add(n.output());
    }

    private void concat(Node n) {
        boolean nhwc = channelsLast(n.input(0));
        long axis = n.integer("axis", 1);
        int tflAxis = (int) (nhwc ? (axis == 1 ? 3 : -1) : axis);
        if (tflAxis < 0) {
            throw new TranslationException(FORMAT, n, "only concatenation along the channels is supported");
        }
        simple(n, BuiltinOperator.CONCATENATION, BuiltinOptions.ConcatenationOptions,
                b -> ConcatenationOptions.createConcatenationOptions(b, tflAxis, (byte) 0),
                n.inputs().stream().mapToInt(this::tensor).toArray());
    }
}
