package dev.loupe.engine.finetune;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

/**
 * One layer of the top as plain ND4J operations on channels-last maps [N, H, W, C], where a 1x1 convolution is one
 * matrix product of [N*H*W, C] rows and a depthwise convolution is libnd4j's op on channels-last maps: the same
 * arithmetic as DL4J's layers without their im2col copies and channels-first kernels ({@link TopStep}). Each layer
 * keeps what its backward pass needs from the last forward pass, and writes its gradients (sums over the batch, as
 * DL4J's layers give them) into the network's gradient views.
 */
interface TopLayer {

    INDArray forward(INDArray in);

    /** The gradient with respect to the input, or null when {@code needInput} is false (the lowest layer). */
    INDArray backward(INDArray gradOut, boolean needInput);

    /** An activation function of DL4J's own, so it computes exactly what the layer computes. */
    record Activation(IActivation fn, INDArray[] pre) implements TopLayer {
        Activation(IActivation fn) {
            this(fn, new INDArray[1]);
        }

        @Override
        public INDArray forward(INDArray in) {
            pre[0] = in;
            return fn.getActivation(in.dup(), true);
        }

        @Override
        public INDArray backward(INDArray gradOut, boolean needInput) {
            return fn.backprop(pre[0], gradOut).getFirst();
        }
    }

    /**
     * A depthwise convolution (one kh x kw kernel per channel, multiplier 1) with its bias, by libnd4j's own
     * {@code depthwise_conv2d} and {@code depthwise_conv2d_bp} on channels-last maps: there it runs as oneDNN's kernel,
     * 5 times faster forward than on DL4J's channels-first maps (docs/benchmarks.md). DL4J's weights [kh, kw, C, 1]
     * are the op's own layout.
     *
     * @param args the op's integer arguments: kernel, stride, padding, dilation, same mode, channels last
     */
    record Depthwise(INDArray w, INDArray b, INDArray gradW, INDArray gradB, int[] args, INDArray[] input)
            implements TopLayer {
        Depthwise(Map<String, INDArray> params, Map<String, INDArray> grads, int[] kernel, int[] stride, int[] pad,
                  boolean same) {
            this(params.get("W"), params.get("b"), grads.get("W"), grads.get("b"), new int[] {kernel[0], kernel[1],
                    stride[0], stride[1], pad[0], pad[1], 1, 1, same ? 1 : 0, 1}, new INDArray[1]);
        }

        @Override
        public INDArray forward(INDArray in) {
            input[0] = in;
            INDArray bias = b.reshape(b.length());
            return Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(in, w, bias)
                    .addIntegerArguments(args).build())[0];
        }

        @Override
        public INDArray backward(INDArray gradOut, boolean needInput) {
            INDArray bias = b.reshape(b.length());
            INDArray[] g = Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d_bp")
                    .addInputs(input[0], w, bias, gradOut).addIntegerArguments(args).build());
            gradW.assign(g[1].reshape(gradW.shape()));
            gradB.assign(g[2].reshape(gradB.shape()));
            return needInput ? g[0] : null;
        }
    }

    /** Zero padding (top, bottom, left, right), as DL4J's ZeroPaddingLayer. */
    record Pad(int[] pad) implements TopLayer {
        @Override
        public INDArray forward(INDArray in) {
            return TopLayer.padded(in, pad);
        }

        @Override
        public INDArray backward(INDArray gradOut, boolean needInput) {
            return needInput ? unpadded(gradOut, pad) : null;
        }
    }

    /**
     * A 1x1 convolution with its bias: [N*H*W, Cin] x [Cin, Cout] and its two products back. DL4J's weights are
     * [Cout, Cin, 1, 1].
     */
    record Pointwise(INDArray w, INDArray b, INDArray gradW, INDArray gradB, INDArray[] rows) implements TopLayer {
        Pointwise(Map<String, INDArray> params, Map<String, INDArray> grads) {
            this(params.get("W"), params.get("b"), grads.get("W"), grads.get("b"), new INDArray[1]);
        }

        @Override
        public INDArray forward(INDArray in) {
            long[] s = in.shape();
            INDArray x = in.reshape(s[0] * s[1] * s[2], s[3]);
            rows[0] = x;
            INDArray z = x.mmul(matrix(w).transpose());
            z.addiRowVector(b.reshape(1, b.length()));
            return z.reshape(s[0], s[1], s[2], w.size(0));
        }

        @Override
        public INDArray backward(INDArray gradOut, boolean needInput) {
            long[] s = gradOut.shape();
            INDArray g = gradOut.reshape(s[0] * s[1] * s[2], s[3]);
            Nd4j.gemm(g, rows[0], matrix(gradW), true, false, 1.0, 0.0);
            gradB.assign(columnSums(g).reshape(gradB.shape()));
            return needInput ? g.mmul(matrix(w)).reshape(s[0], s[1], s[2], w.size(1)) : null;
        }

        private static INDArray matrix(INDArray weights) {
            return weights.reshape(weights.size(0), weights.size(1));
        }
    }

    /** Global average pooling over the positions: [N, H, W, C] to [N, C]. */
    record AveragePool(long[][] shape) implements TopLayer {
        AveragePool() {
            this(new long[1][]);
        }

        @Override
        public INDArray forward(INDArray in) {
            shape[0] = in.shape();
            return in.mean(1, 2);
        }

        @Override
        public INDArray backward(INDArray gradOut, boolean needInput) {
            long[] s = shape[0];
            INDArray spread = Nd4j.zeros(gradOut.dataType(), s[0], s[1] * s[2], s[3]);
            Nd4j.getExecutioner().exec(new BroadcastAddOp(spread, gradOut.div(s[1] * s[2]), spread, 0, 2));
            return spread.reshape(s);
        }
    }

    /** The sums of a matrix's columns, as a row: one matrix-vector product (a reduction along rows is slower). */
    static INDArray columnSums(INDArray rows) {
        return Nd4j.ones(rows.dataType(), 1, rows.size(0)).mmul(rows);
    }

    static INDArray padded(INDArray in, int[] pad) {
        if (pad[0] == 0 && pad[1] == 0 && pad[2] == 0 && pad[3] == 0) {
            return in;
        }
        long[] s = in.shape();
        INDArray p = Nd4j.zeros(in.dataType(), s[0], s[1] + pad[0] + pad[1], s[2] + pad[2] + pad[3], s[3]);
        p.get(inside(s, pad)).assign(in);
        return p;
    }

    static INDArray unpadded(INDArray padded, int[] pad) {
        if (pad[0] == 0 && pad[1] == 0 && pad[2] == 0 && pad[3] == 0) {
            return padded;
        }
        long[] s = padded.shape();
        long[] inner = {s[0], s[1] - pad[0] - pad[1], s[2] - pad[2] - pad[3], s[3]};
        return padded.get(inside(inner, pad)).dup('c');
    }

    private static INDArrayIndex[] inside(long[] inner, int[] pad) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(pad[0], pad[0] + inner[1]),
                NDArrayIndex.interval(pad[2], pad[2] + inner[2]), NDArrayIndex.all()};
    }
}
