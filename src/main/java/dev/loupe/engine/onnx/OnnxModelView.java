package dev.loupe.engine.onnx;

import onnx.Onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a model that {@link OnnxExporter} wrote: its nodes in order, its constants and every tensor's
 * shape. The other export formats (TFLite, Core ML) translate this graph operator by operator, so the DL4J network is
 * walked, and its layers' parameters interpreted, in one place only.
 */
public final class OnnxModelView {

    private final Onnx.ModelProto model;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Onnx.TensorProto> constants = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final Map<String, long[]> shapes;

    OnnxModelView(Onnx.ModelProto model) {
        this.model = model;
        Onnx.GraphProto g = model.getGraph();
        for (Onnx.TensorProto t : g.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        for (Onnx.NodeProto n : g.getNodeList()) {
            Map<String, Onnx.AttributeProto> attrs = new HashMap<>();
            n.getAttributeList().forEach(a -> attrs.put(a.getName(), a));
            nodes.add(new Node(n.getOpType(), n.getInputList(), n.getOutput(0), attrs));
            n.getInputList().forEach(in -> consumers.merge(in, 1, Integer::sum));
        }
        consumers.merge(output(), 1, Integer::sum);
        shapes = OnnxShapes.infer(this);
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The one graph input (the image tensor). */
    public String input() {
        return model.getGraph().getInput(0).getName();
    }

    /** The one graph output (the probabilities). */
    public String output() {
        return model.getGraph().getOutput(0).getName();
    }

    /** The input's declared shape, with 1 for the batch dimension. */
    public long[] inputShape() {
        return model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList().stream()
                .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : 1).toArray();
    }

    /** A tensor's shape (ONNX layout, batch 1). */
    public long[] shape(String tensor) {
        long[] s = shapes.get(tensor);
        if (s == null) {
            throw new IllegalStateException("no shape known for tensor " + tensor);
        }
        return s;
    }

    /** How many nodes (and the graph output) read {@code tensor}. */
    public int consumers(String tensor) {
        return consumers.getOrDefault(tensor, 0);
    }

    /** The node that reads {@code tensor}, if exactly one does; else null. */
    public Node soleConsumer(String tensor) {
        if (consumers(tensor) != 1) {
            return null;
        }
        return nodes.stream().filter(n -> n.inputs().contains(tensor)).findFirst().orElse(null);
    }

    public boolean isConstant(String tensor) {
        return constants.containsKey(tensor);
    }

    public long[] dims(String constant) {
        return require(constant).getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** A float constant's values in C order. */
    public float[] floats(String constant) {
        Onnx.TensorProto t = require(constant);
        float[] out = new float[t.getRawData().size() / 4];
        ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /**
     * A float constant's values with its axes permuted: axis {@code i} of the result is axis {@code perm[i]} of the
     * constant, as numpy's {@code transpose(perm)}. How other formats reorder weights into their layouts.
     */
    public float[] permuted(String constant, int... perm) {
        long[] dims = dims(constant);
        float[] values = floats(constant);
        int rank = dims.length;
        long[] strides = new long[rank];
        long acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            strides[i] = acc;
            acc *= dims[i];
        }
        float[] out = new float[values.length];
        int[] index = new int[rank];
        for (int o = 0; o < out.length; o++) {
            long source = 0;
            for (int i = 0; i < rank; i++) {
                source += index[i] * strides[perm[i]];
            }
            out[o] = values[(int) source];
            for (int i = rank - 1; i >= 0 && ++index[i] == dims[perm[i]]; i--) {
                index[i] = 0;
            }
        }
        return out;
    }

    /** An int64 constant's values (pads, shapes). */
    public long[] longs(String constant) {
        Onnx.TensorProto t = require(constant);
        long[] out = new long[t.getRawData().size() / 8];
        ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    private Onnx.TensorProto require(String constant) {
        Onnx.TensorProto t = constants.get(constant);
        if (t == null) {
            throw new IllegalStateException(constant + " is not a constant of the graph");
        }
        return t;
    }

    /** One operator: type, input and output tensor names, attributes. */
    public static final class Node {

        private final String op;
        private final List<String> inputs;
        private final String output;
        private final Map<String, Onnx.AttributeProto> attributes;

        Node(String op, List<String> inputs, String output, Map<String, Onnx.AttributeProto> attributes) {
            this.op = op;
            this.inputs = List.copyOf(inputs);
            this.output = output;
            this.attributes = attributes;
        }

        public String op() {
            return op;
        }

        public List<String> inputs() {
            return inputs;
        }

        public String input(int i) {
            return inputs.get(i);
        }

        public String output() {
            return output;
        }

        public long[] ints(String attribute, long... otherwise) {
            Onnx.AttributeProto a = attributes.get(attribute);
            return a == null ? otherwise : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }

        public long integer(String attribute, long otherwise) {
            Onnx.AttributeProto a = attributes.get(attribute);
            return a == null ? otherwise : a.getI();
        }

        public float real(String attribute, float otherwise) {
            Onnx.AttributeProto a = attributes.get(attribute);
            return a == null ? otherwise : a.getF();
        }

        public String text(String attribute, String otherwise) {
            Onnx.AttributeProto a = attributes.get(attribute);
            return a == null ? otherwise : a.getS().toStringUtf8();
        }
    }
}
