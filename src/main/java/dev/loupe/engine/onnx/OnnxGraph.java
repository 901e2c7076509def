package dev.loupe.engine.onnx;

import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * An ONNX graph being built: nodes, float initialisers and unique tensor names. A thin layer over the protobuf
 * builders so the layer mappings read like the operators they emit.
 */
final class OnnxGraph {

    /** Opset 13: Clip takes min/max as inputs, Softmax works on one axis; ONNX Runtime 1.x supports it fully. */
    static final int OPSET = 13;
    /** IR version 7 is the one that goes with opset 13. */
    static final long IR_VERSION = 7;

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A name not used yet in this graph, derived from {@code base}. */
    String fresh(String base) {
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Adds a node and returns the name of its single output. */
    String node(String opType, String outputBase, Attr[] attrs, String... inputs) {
        String out = fresh(outputBase);
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(opType).setName(out).addOutput(out);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (Attr a : attrs) {
            n.addAttribute(a.proto());
        }
        graph.addNode(n);
        return out;
    }

    String node(String opType, String outputBase, String... inputs) {
        return node(opType, outputBase, new Attr[0], inputs);
    }

    /** A constant float tensor of the given shape, stored little-endian as raw data. */
    String constant(String base, float[] values, long... dims) {
        String name = fresh(base);
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A constant int64 tensor (Pad's pads, Reshape's shape). */
    String longs(String base, long... values) {
        String name = fresh(base);
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).addDims(values.length)
                .setDataType(Onnx.TensorProto.DataType.INT64.getNumber()).setRawData(ByteString.copyFrom(bytes)));
        return name;
    }

    /** A float scalar (Clip's bounds, a temperature). */
    String scalar(String base, float value) {
        return constant(base, new float[]{value});
    }

    /** A constant copied from a DL4J array (any order), keeping its shape unless one is given. */
    String constant(String base, INDArray array, long... dims) {
        float[] values = array.dup('c').reshape(array.length()).toFloatVector();
        return constant(base, values, dims.length == 0 ? array.shape() : dims);
    }

    /** Declares a float graph input or output; {@code -1} marks the batch dimension. */
    void input(String name, long... dims) {
        names.add(name);
        graph.addInput(valueInfo(name, dims));
    }

    void output(String name, long... dims) {
        graph.addOutput(valueInfo(name, dims));
    }

    Onnx.ModelProto model(String producerVersion, String docString) {
        return Onnx.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("Loupe")
                .setProducerVersion(producerVersion)
                .setDocString(docString)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    private static Onnx.ValueInfoProto valueInfo(String name, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (long d : dims) {
            Onnx.TensorShapeProto.Dimension.Builder dim = shape.addDimBuilder();
            if (d < 0) {
                dim.setDimParam("batch");
            } else {
                dim.setDimValue(d);
            }
        }
        Onnx.TypeProto.Tensor tensor = Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setShape(shape).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /** A node attribute. */
    record Attr(Onnx.AttributeProto proto) {

        static Attr ints(String name, long... values) {
            Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                    .setType(Onnx.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            return new Attr(a.build());
        }

        static Attr integer(String name, long value) {
            return new Attr(Onnx.AttributeProto.newBuilder().setName(name)
                    .setType(Onnx.AttributeProto.AttributeType.INT).setI(value).build());
        }

        static Attr real(String name, float value) {
            return new Attr(Onnx.AttributeProto.newBuilder().setName(name)
                    .setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(value).build());
        }

        static Attr string(String name, String value) {
            return new Attr(Onnx.AttributeProto.newBuilder().setName(name)
                    .setType(Onnx.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build());
        }
    }
}
