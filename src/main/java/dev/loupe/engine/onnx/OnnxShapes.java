package dev.loupe.engine.onnx;

import dev.loupe.engine.onnx.OnnxModelView.Node;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The shape of every tensor of a graph the exporter wrote (batch 1), from its input shape and the operators it emits.
 * Other formats need them where ONNX does not: TFLite records each tensor's shape, Core ML each layer's channels.
 */
final class OnnxShapes {

    private OnnxShapes() {
    }

    static Map<String, long[]> infer(OnnxModelView view) {
        Map<String, long[]> shapes = new HashMap<>();
        shapes.put(view.input(), view.inputShape());
        for (Node n : view.nodes()) {
            long[] x = n.inputs().isEmpty() ? null : shape(view, shapes, n.input(0));
            shapes.put(n.output(), switch (n.op()) {
                case "Conv" -> window(n, x, view.dims(n.input(1))[0], view.dims(n.input(1)), true);
                case "MaxPool", "AveragePool" -> window(n, x, x[1], null, n.op().equals("MaxPool"));
                case "GlobalAveragePool", "GlobalMaxPool" -> new long[]{x[0], x[1], 1, 1};
                case "Flatten" -> new long[]{x[0], Arrays.stream(x).skip(1).reduce(1, (a, b) -> a * b)};
                case "Gemm" -> new long[]{x[0], view.dims(n.input(1))[1]};
                case "Pad" -> pad(x, view.longs(n.input(1)));
                case "Concat" -> concat(view, shapes, n);
                case "Reshape" -> reshape(x, view.longs(n.input(1)));
                case "Transpose" -> transpose(x, n.ints("perm"));
                case "Resize" -> resize(x, view.floats(n.input(2)));
                case "Sum", "Sub", "Mul", "Div", "Max", "Mean" -> broadcast(view, shapes, n);
                default -> x; // element-wise: Relu, Clip, BatchNormalization, Softmax, Log, Identity...
            });
        }
        return shapes;
    }

    private static long[] shape(OnnxModelView view, Map<String, long[]> shapes, String tensor) {
        long[] s = shapes.get(tensor);
        return s != null ? s : view.dims(tensor);
    }

    /**
     * Convolution and pooling: SAME_UPPER gives ceil(in / stride); explicit pads give
     * floor((in + pads - dilated kernel) / stride) + 1.
     */
    private static long[] window(Node n, long[] x, long channels, long[] weights, boolean dilates) {
        long[] k = weights != null ? new long[]{weights[2], weights[3]} : n.ints("kernel_shape");
        long[] s = n.ints("strides", 1, 1);
        long[] d = dilates ? n.ints("dilations", 1, 1) : new long[]{1, 1};
        long[] p = n.ints("pads", 0, 0, 0, 0);
        boolean same = n.text("auto_pad", "NOTSET").startsWith("SAME");
        long[] out = {x[0], channels, 0, 0};
        for (int i = 0; i < 2; i++) {
            long in = x[2 + i];
            out[2 + i] = same ? (in + s[i] - 1) / s[i]
                    : (in + p[i] + p[i + 2] - (d[i] * (k[i] - 1) + 1)) / s[i] + 1;
        }
        return out;
    }

    private static long[] pad(long[] x, long[] pads) {
        long[] out = x.clone();
        for (int i = 0; i < x.length; i++) {
            out[i] += pads[i] + pads[i + x.length];
        }
        return out;
    }

    private static long[] concat(OnnxModelView view, Map<String, long[]> shapes, Node n) {
        int axis = (int) n.integer("axis", 1);
        long[] out = shape(view, shapes, n.input(0)).clone();
        for (int i = 1; i < n.inputs().size(); i++) {
            out[axis] += shape(view, shapes, n.input(i))[axis];
        }
        return out;
    }

    private static long[] reshape(long[] x, long[] target) {
        long total = Arrays.stream(x).reduce(1, (a, b) -> a * b);
        long known = Arrays.stream(target).filter(v -> v > 0).reduce(1, (a, b) -> a * b);
        return Arrays.stream(target).map(v -> v == -1 ? total / known : v).toArray();
    }

    private static long[] transpose(long[] x, long[] perm) {
        return Arrays.stream(perm).map(p -> x[(int) p]).toArray();
    }

    private static long[] resize(long[] x, float[] scales) {
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (long) Math.floor(x[i] * scales[i]);
        }
        return out;
    }

    /** Numpy broadcasting of the inputs' shapes. */
    private static long[] broadcast(OnnxModelView view, Map<String, long[]> shapes, Node n) {
        long[] out = new long[0];
        for (String in : n.inputs()) {
            long[] s = shape(view, shapes, in);
            long[] wider = new long[Math.max(out.length, s.length)];
            for (int i = 0; i < wider.length; i++) {
                long a = i < wider.length - out.length ? 1 : out[i - (wider.length - out.length)];
                long b = i < wider.length - s.length ? 1 : s[i - (wider.length - s.length)];
                wider[i] = Math.max(a, b);
            }
            out = wider;
        }
        return out;
    }
}
