package dev.loupe.engine.coreml;

import CoreML.Specification.NeuralNetworkOuterClass.ActivationLinear;
import CoreML.Specification.NeuralNetworkOuterClass.ActivationParams;
import CoreML.Specification.NeuralNetworkOuterClass.ActivationReLU;
import CoreML.Specification.NeuralNetworkOuterClass.ActivationLeakyReLU;
import CoreML.Specification.NeuralNetworkOuterClass.ActivationSigmoid;
import CoreML.Specification.NeuralNetworkOuterClass.ActivationTanh;
import CoreML.Specification.NeuralNetworkOuterClass.AddLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.AverageLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.BiasLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.ConcatLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.FlattenLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.MaxLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.MultiplyLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.NeuralNetworkLayer;
import CoreML.Specification.NeuralNetworkOuterClass.ScaleLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.SoftmaxLayerParams;
import CoreML.Specification.NeuralNetworkOuterClass.UnaryFunctionLayerParams;
import dev.loupe.engine.onnx.OnnxModelView;
import dev.loupe.engine.onnx.OnnxModelView.Node;
import dev.loupe.engine.onnx.TranslationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a classifier graph from {@link OnnxModelView} into Core ML's neural-network layers (the rank-5 layers of
 * specification 1, which every Core ML version runs). Their blobs are {@code [channels, height, width]} per image,
 * ONNX's NCHW without the batch, and convolution weights have ONNX's layout, so only dense weights are reordered.
 */
final class CoremlTranslator {

    static final String FORMAT = "Core ML";

    final OnnxModelView view;
    final List<NeuralNetworkLayer> layers = new ArrayList<>();
    /** The Core ML blob holding each ONNX tensor translated so far. */
    private final Map<String, String> blobs = new HashMap<>();
    /** The ONNX tensor that becomes the model's probabilities (the output, before any Identity). */
    private final String last;
    private final String outputBlob;

    private CoremlTranslator(OnnxModelView view, String inputBlob, String outputBlob) {
        this.view = view;
        this.outputBlob = outputBlob;
        blobs.put(view.input(), inputBlob);
        String t = view.output();
        for (Node n = producer(t); n != null && n.op().equals("Identity"); n = producer(t)) {
            t = n.input(0);
        }
        last = t;
    }

    /** The layers computing {@code outputBlob} (probabilities) from {@code inputBlob} (the prepared image). */
    static List<NeuralNetworkLayer> translate(OnnxModelView view, String inputBlob, String outputBlob) {
        CoremlTranslator t = new CoremlTranslator(view, inputBlob, outputBlob);
        WindowLayers windows = new WindowLayers(t);
        for (Node n : view.nodes()) {
            t.emit(n, windows);
        }
        return t.layers;
    }

    private void emit(Node n, WindowLayers windows) {
        switch (n.op()) {
            case "Conv" -> windows.conv(n);
            case "BatchNormalization" -> windows.batchNorm(n);
            case "MaxPool", "AveragePool" -> windows.pool(n);
            case "GlobalAveragePool", "GlobalMaxPool" -> windows.globalPool(n);
            case "Pad" -> windows.pad(n);
            case "Resize" -> windows.upsample(n);
            case "Gemm" -> windows.innerProduct(n);
            case "Relu" -> activation(n, ActivationParams.newBuilder().setReLU(ActivationReLU.getDefaultInstance()));
            case "Sigmoid" -> activation(n, ActivationParams.newBuilder()
                    .setSigmoid(ActivationSigmoid.getDefaultInstance()));
            case "Tanh" -> activation(n, ActivationParams.newBuilder().setTanh(ActivationTanh.getDefaultInstance()));
            case "LeakyRelu" -> activation(n, ActivationParams.newBuilder()
                    .setLeakyReLU(ActivationLeakyReLU.newBuilder().setAlpha(n.real("alpha", 0.01f))));
            case "Clip" -> clip(n);
            case "Log" -> add(n, layer(n, n.input(0)).setUnary(unary(UnaryFunctionLayerParams.Operation.LOG, 0f)));
            case "Softmax" -> softmax(n);
            case "Flatten" -> add(n, layer(n, n.input(0)).setFlatten(FlattenLayerParams.newBuilder()
                    .setMode(FlattenLayerParams.FlattenOrder.CHANNEL_FIRST)));
            case "Sum", "Add" -> sum(n);
            case "Sub" -> sub(n);
            case "Mul" -> mul(n);
            case "Div" -> div(n);
            case "Max" -> max(n);
            case "Mean" -> add(n, layer(n, n.inputs().toArray(new String[0]))
                    .setAverage(AverageLayerParams.getDefaultInstance()));
            case "Concat" -> concat(n);
            case "Identity" -> blobs.put(n.output(), blob(n.input(0)));
            case "Reshape" -> keepShape(n);
            default -> throw new TranslationException(FORMAT, n, "this operator has no Core ML translation");
        }
    }

    // ---- blobs and layers

    String blob(String onnx) {
        String b = blobs.get(onnx);
        if (b == null) {
            throw new IllegalStateException("tensor " + onnx + " is used before it is computed");
        }
        return b;
    }

    /** A layer named after (and writing) node {@code n}'s output, reading {@code inputs}. */
    NeuralNetworkLayer.Builder layer(Node n, String... inputs) {
        NeuralNetworkLayer.Builder l = NeuralNetworkLayer.newBuilder().setName(n.output());
        for (String in : inputs) {
            l.addInput(blob(in));
        }
        return l;
    }

    /** Adds the layer, its output named for the node (or the model's output for the last one). */
    void add(Node n, NeuralNetworkLayer.Builder layer) {
        String out = n.output().equals(last) ? outputBlob : n.output();
        layers.add(layer.addOutput(out).build());
        blobs.put(n.output(), out);
    }

    /** An intermediate layer of a multi-layer translation: reads {@code inputBlob}, writes {@code name}. */
    String step(String name, String inputBlob, NeuralNetworkLayer.Builder layer) {
        layers.add(layer.setName(name).addInput(inputBlob).addOutput(name).build());
        return name;
    }

    static UnaryFunctionLayerParams unary(UnaryFunctionLayerParams.Operation op, float alpha) {
        // scale defaults to 0 in proto3, and the layer computes f(scale * x + shift): it must be set.
        return UnaryFunctionLayerParams.newBuilder().setType(op).setAlpha(alpha).setScale(1f).build();
    }

    static ActivationParams linear(float alpha) {
        return ActivationParams.newBuilder().setLinear(ActivationLinear.newBuilder().setAlpha(alpha)).build();
    }

    // ---- element-wise

    private void activation(Node n, ActivationParams.Builder params) {
        add(n, layer(n, n.input(0)).setActivation(params));
    }

    /**
     * Clip(lo, hi) with the layers of specification 1, as coremltools' own converters build ReLU6: max(x, lo), then
     * max(-y, -hi), negated.
     */
    private void clip(Node n) {
        float lo = view.floats(n.input(1))[0];
        float hi = view.floats(n.input(2))[0];
        String low = step(n.output() + "_low", blob(n.input(0)), NeuralNetworkLayer.newBuilder()
                .setUnary(unary(UnaryFunctionLayerParams.Operation.THRESHOLD, lo)));
        String negHigh = step(n.output() + "_neg_high", low, NeuralNetworkLayer.newBuilder()
                .setUnary(unary(UnaryFunctionLayerParams.Operation.THRESHOLD, -hi).toBuilder().setScale(-1f)));
        add(n, NeuralNetworkLayer.newBuilder().setName(n.output()).addInput(negHigh).setActivation(linear(-1f)));
    }

    private void softmax(Node n) {
        if (view.shape(n.input(0)).length != 2 || (n.integer("axis", -1) != 1 && n.integer("axis", -1) != -1)) {
            throw new TranslationException(FORMAT, n, "only a softmax over the classes is supported");
        }
        add(n, layer(n, n.input(0)).setSoftmax(SoftmaxLayerParams.getDefaultInstance()));
    }

    private void sum(Node n) {
        requireTensors(n);
        add(n, layer(n, n.inputs().toArray(new String[0])).setAdd(AddLayerParams.getDefaultInstance()));
    }

    /** x - c is a bias layer adding -c; a - b of two tensors adds -b. */
    private void sub(Node n) {
        if (view.isConstant(n.input(1))) {
            float[] c = view.floats(n.input(1)).clone();
            for (int i = 0; i < c.length; i++) {
                c[i] = -c[i];
            }
            add(n, layer(n, n.input(0)).setBias(BiasLayerParams.newBuilder().addAllShape(constantShape(n, 1))
                    .setBias(Weights.of(c))));
            return;
        }
        requireTensors(n);
        String negated = step(n.output() + "_negated", blob(n.input(1)), NeuralNetworkLayer.newBuilder()
                .setActivation(linear(-1f)));
        add(n, layer(n, n.input(0)).addInput(negated).setAdd(AddLayerParams.getDefaultInstance()));
    }

    private void mul(Node n) {
        if (view.isConstant(n.input(1))) {
            add(n, layer(n, n.input(0)).setScale(ScaleLayerParams.newBuilder()
                    .addAllShapeScale(constantShape(n, 1)).setScale(Weights.of(view.floats(n.input(1))))));
            return;
        }
        requireTensors(n);
        add(n, layer(n, n.input(0), n.input(1)).setMultiply(MultiplyLayerParams.getDefaultInstance()));
    }

    /** Division by a scalar (the calibration temperature): a linear activation. */
    private void div(Node n) {
        if (!view.isConstant(n.input(1)) || view.floats(n.input(1)).length != 1) {
            throw new TranslationException(FORMAT, n, "only division by a scalar is supported");
        }
        add(n, layer(n, n.input(0)).setActivation(linear(1f / view.floats(n.input(1))[0])));
    }

    /** max(x, scalar) is a threshold; max of tensors a Max layer. */
    private void max(Node n) {
        if (n.inputs().size() == 2 && view.isConstant(n.input(1)) && view.floats(n.input(1)).length == 1) {
            add(n, layer(n, n.input(0)).setUnary(unary(UnaryFunctionLayerParams.Operation.THRESHOLD,
                    view.floats(n.input(1))[0])));
            return;
        }
        requireTensors(n);
        add(n, layer(n, n.inputs().toArray(new String[0])).setMax(MaxLayerParams.getDefaultInstance()));
    }

    private void concat(Node n) {
        if (n.integer("axis", 1) != 1) {
            throw new TranslationException(FORMAT, n, "only concatenation along the channels is supported");
        }
        add(n, layer(n, n.inputs().toArray(new String[0])).setConcat(ConcatLayerParams.getDefaultInstance()));
    }

    private void keepShape(Node n) {
        if (!Arrays.equals(view.shape(n.input(0)), view.shape(n.output()))) {
            throw new TranslationException(FORMAT, n, "only a reshape that keeps the shape is supported");
        }
        blobs.put(n.output(), blob(n.input(0)));
    }

    /** A constant's shape for Scale and Bias layers: {@code [1]} for a scalar, {@code [c]} per channel. */
    private List<Long> constantShape(Node n, int input) {
        long[] dims = view.dims(n.input(input));
        long size = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        long channels = view.shape(n.input(0))[1];
        if (size != 1 && size != channels) {
            throw new TranslationException(FORMAT, n, "a constant of shape " + Arrays.toString(dims)
                    + " (only scalars and one value per channel are supported)");
        }
        return List.of(size);
    }

    private void requireTensors(Node n) {
        if (n.inputs().stream().anyMatch(view::isConstant)) {
            throw new TranslationException(FORMAT, n, "a constant operand is only supported for Sub, Mul, Div "
                    + "and Max");
        }
    }

    private Node producer(String tensor) {
        return view.nodes().stream().filter(n -> n.output().equals(tensor)).findFirst().orElse(null);
    }
}
