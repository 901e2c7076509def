package dev.loupe.engine.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import org.bytedeco.javacpp.indexer.HalfIndexer;
import tflite.Buffer;
import tflite.BuiltinOperator;
import tflite.Metadata;
import tflite.Model;
import tflite.Operator;
import tflite.OperatorCode;
import tflite.SignatureDef;
import tflite.SubGraph;
import tflite.Tensor;
import tflite.TensorMap;
import tflite.TensorType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A TFLite model being built: tensors, constant buffers and operators of one subgraph, kept as plain records and
 * written as a FlatBuffer (TensorFlow's schema.fbs, "TFL3") in one pass at the end, as FlatBuffers are built bottom-up.
 * With {@link TfliteExport.Precision#FLOAT16} the float weights are stored as halves and turned back into floats by DEQUANTIZE
 * operators, as TensorFlow's own float16 quantization does.
 */
final class TfliteGraph {

    /** The schema version this writer follows. */
    static final int SCHEMA_VERSION = 3;

    private record TensorDef(String name, int[] shape, byte type, int buffer) {
    }

    private record OpDef(int opcode, int[] inputs, int[] outputs, byte optionsType,
                         ToIntFunction<FlatBufferBuilder> options) {
    }

    private final TfliteExport.Precision precision;
    private final List<TensorDef> tensors = new ArrayList<>();
    private final List<byte[]> buffers = new ArrayList<>(List.of(new byte[0])); // buffer 0: "no data", by convention
    private final List<OpDef> ops = new ArrayList<>();
    private final Map<Long, Integer> opcodes = new LinkedHashMap<>();

    TfliteGraph(TfliteExport.Precision precision) {
        this.precision = precision;
    }

    /** A float32 tensor computed by an operator (or fed as an input). */
    int tensor(String name, int... shape) {
        return add(name, shape, TensorType.FLOAT32, 0);
    }

    /** A float constant; under FLOAT16 a half-precision buffer and the DEQUANTIZE that reads it. */
    int constant(String name, float[] values, int... shape) {
        if (precision == TfliteExport.Precision.FLOAT32 || values.length < 2) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return add(name, shape, TensorType.FLOAT32, buffer(b.array()));
        }
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort((short) HalfIndexer.fromFloat(v));
        }
        int half = add(name + "_fp16", shape, TensorType.FLOAT16, buffer(b.array()));
        int full = tensor(name, shape);
        op(BuiltinOperator.DEQUANTIZE, 3, new int[]{half}, new int[]{full}, (byte) 0, null);
        return full;
    }

    /** An int32 constant (shapes, paddings, axes). */
    int ints(String name, int[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return add(name, shape, TensorType.INT32, buffer(b.array()));
    }

    int[] shape(int tensor) {
        return tensors.get(tensor).shape();
    }

    String name(int tensor) {
        return tensors.get(tensor).name();
    }

    /** Gives a tensor the name apps see (the model's input and output). */
    void rename(int tensor, String name) {
        TensorDef t = tensors.get(tensor);
        tensors.set(tensor, new TensorDef(name, t.shape(), t.type(), t.buffer()));
    }

    /** Appends an operator; {@code options} writes its options table (null for none). */
    void op(int builtin, int version, int[] inputs, int[] outputs, byte optionsType,
            ToIntFunction<FlatBufferBuilder> options) {
        int opcode = opcodes.computeIfAbsent(((long) builtin << 32) | version, k -> opcodes.size());
        ops.add(new OpDef(opcode, inputs, outputs, optionsType, options));
    }

    /** The whole model as a FlatBuffer; {@code metadata} entries are stored as named buffers. */
    byte[] finish(int input, int output, String description, Map<String, byte[]> metadata) {
        FlatBufferBuilder b = new FlatBufferBuilder(1 << 20);
        List<byte[]> all = new ArrayList<>(buffers);
        metadata.values().forEach(all::add);
        int[] bufferOffsets = new int[all.size()];
        for (int i = all.size() - 1; i >= 0; i--) {
            bufferOffsets[i] = Buffer.createBuffer(b, all.get(i).length == 0 ? 0 : aligned(b, all.get(i)), 0, 0);
        }
        int tensorsVector = SubGraph.createTensorsVector(b, tensors.stream().mapToInt(t -> Tensor.createTensor(b,
                Tensor.createShapeVector(b, t.shape()), t.type(), t.buffer(), b.createString(t.name()), 0, false, 0,
                0, false, 0)).toArray());
        int[] opOffsets = new int[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            OpDef o = ops.get(i);
            int in = Operator.createInputsVector(b, o.inputs());
            int out = Operator.createOutputsVector(b, o.outputs());
            int options = o.options() == null ? 0 : o.options().applyAsInt(b);
            opOffsets[i] = Operator.createOperator(b, o.opcode(), in, out, o.optionsType(), options, 0, (byte) 0,
                    0, 0, 0, 0, (byte) 0, 0);
        }
        int subgraph = SubGraph.createSubGraph(b, tensorsVector, SubGraph.createInputsVector(b, new int[]{input}),
                SubGraph.createOutputsVector(b, new int[]{output}), SubGraph.createOperatorsVector(b, opOffsets),
                b.createString("main"));
        int[] codes = opcodes.keySet().stream().mapToInt(k -> {
            int builtin = (int) (k >>> 32);
            return OperatorCode.createOperatorCode(b, (byte) Math.min(builtin, BuiltinOperator
                    .PLACEHOLDER_FOR_GREATER_OP_CODES), 0, (int) (k & 0xffffffffL), builtin);
        }).toArray();
        int[] meta = new int[metadata.size()];
        int m = 0;
        for (String key : metadata.keySet()) {
            meta[m] = Metadata.createMetadata(b, b.createString(key), buffers.size() + m);
            m++;
        }
        int signature = SignatureDef.createSignatureDef(b,
                SignatureDef.createInputsVector(b, new int[]{tensorMap(b, input)}),
                SignatureDef.createOutputsVector(b, new int[]{tensorMap(b, output)}),
                b.createString("serving_default"), 0);
        int model = Model.createModel(b, SCHEMA_VERSION, Model.createOperatorCodesVector(b, codes),
                Model.createSubgraphsVector(b, new int[]{subgraph}), b.createString(description),
                Model.createBuffersVector(b, bufferOffsets), 0, Model.createMetadataVector(b, meta),
                Model.createSignatureDefsVector(b, new int[]{signature}));
        Model.finishModelBuffer(b, model);
        return b.sizedByteArray();
    }

    private int tensorMap(FlatBufferBuilder b, int tensor) {
        return TensorMap.createTensorMap(b, b.createString(name(tensor)), tensor);
    }

    /** A buffer's bytes as a vector aligned to 16 bytes, as schema.fbs asks ({@code force_align: 16}). */
    private static int aligned(FlatBufferBuilder b, byte[] data) {
        b.startVector(1, data.length, 16);
        for (int i = data.length - 1; i >= 0; i--) {
            b.putByte(data[i]);
        }
        return b.endVector();
    }

    private int add(String name, int[] shape, byte type, int buffer) {
        tensors.add(new TensorDef(name, shape.clone(), type, buffer));
        return tensors.size() - 1;
    }

    private int buffer(byte[] data) {
        buffers.add(data);
        return buffers.size() - 1;
    }
}
