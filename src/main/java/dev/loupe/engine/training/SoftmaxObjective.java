package dev.loupe.engine.training;

import dev.loupe.engine.util.CoreBlocks;
import opennlp.tools.ml.maxent.quasinewton.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.List;

/**
 * Softmax regression's training objective for L-BFGS: the class-weighted cross-entropy averaged over the rows, plus
 * {@code l2 / 2} times the squared weights (not the biases), as DL4J's {@code l2} and {@link MiniBatchAdam} count it.
 * Parameters are laid out like the output layer's {@code net.params()}: weights inputs x classes column-major, then the
 * biases. The two products (logits, weight gradient) go to BLAS through ND4J; the line search asks for the value and
 * then the gradient at the same point, so the last point's probabilities are kept and reused.
 *
 * <p>BLAS runs on one thread in Loupe ({@code Natives.limitBlasThreads}), so the rows are cut in a block a core whose
 * products run side by side ({@link CoreBlocks}): a fixed cut and a fixed order of the sums, so the same data give the
 * same fit on the same machine. At 60,000 Fashion-MNIST rows the products are nearly all of an iteration's time.
 */
final class SoftmaxObjective implements Function {

    private final INDArray[] blocks;
    private final int[] y;
    private final float[] rowWeights;
    private final int inputs;
    private final int classes;
    private final double l2;
    private double[] lastPoint;
    private float[] lastProbabilities;
    private double lastDataLoss;
    private float[] delta;

    /**
     * @param x            rows x inputs, the standardised features
     * @param classWeights loss weight per class, or null for none
     */
    SoftmaxObjective(INDArray x, int[] y, float[] classWeights, int classes, double l2) {
        this.blocks = blocks(x);
        this.y = y;
        this.inputs = (int) x.columns();
        this.classes = classes;
        this.l2 = l2;
        this.rowWeights = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            rowWeights[i] = classWeights == null ? 1f : classWeights[y[i]];
        }
    }

    int inputs() {
        return inputs;
    }

    int classes() {
        return classes;
    }

    @Override
    public int getDimension() {
        return inputs * classes + classes;
    }

    @Override
    public double valueAt(double[] point) {
        evaluate(point);
        double penalty = 0;
        for (int i = 0; i < inputs * classes; i++) {
            penalty += point[i] * point[i];
        }
        return lastDataLoss + l2 / 2 * penalty;
    }

    @Override
    public double[] gradientAt(double[] point) {
        evaluate(point);
        int n = y.length;
        if (delta == null) {
            delta = new float[n * classes];
        }
        for (int i = 0; i < n; i++) {
            float w = rowWeights[i] / n;
            for (int c = 0; c < classes; c++) {
                delta[i * classes + c] = w * (lastProbabilities[i * classes + c] - (c == y[i] ? 1f : 0f));
            }
        }
        // x^T delta, as the sum of each block's product, in block order.
        int count = blocks.length;
        List<float[]> parts = CoreBlocks.map(count, b -> transposedProduct(blocks[b], delta,
                CoreBlocks.start(n, b, count), CoreBlocks.start(n, b + 1, count)));
        float[] weightGradient = parts.get(0);
        for (float[] other : parts.subList(1, count)) {
            for (int i = 0; i < weightGradient.length; i++) {
                weightGradient[i] += other[i];
            }
        }
        double[] gradient = new double[getDimension()];
        for (int i = 0; i < inputs * classes; i++) {
            gradient[i] = weightGradient[i] + l2 * point[i];
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                gradient[inputs * classes + c] += delta[i * classes + c];
            }
        }
        return gradient;
    }

    /** {@code part}^T times the rows {@code from..to} of delta, inputs x classes column-major. */
    private float[] transposedProduct(INDArray part, float[] delta, long from, long to) {
        INDArray d = Nd4j.create(Arrays.copyOfRange(delta, (int) from * classes, (int) to * classes),
                new long[] {to - from, classes}, 'c');
        return part.transpose().mmul(d).dup('f').data().asFloat();
    }

    /** Probabilities at {@code point}, rows x classes row-major (the array is reused by the next evaluation). */
    float[] probabilities(double[] point) {
        evaluate(point);
        return lastProbabilities;
    }

    /** The weighted cross-entropy at {@code point}, without the L2 term. */
    double dataLoss(double[] point) {
        evaluate(point);
        return lastDataLoss;
    }

    /** Softmax of {@code x} times the weights plus the biases, and the weighted loss, unless already done here. */
    private void evaluate(double[] point) {
        if (lastPoint != null && Arrays.equals(lastPoint, point)) {
            return;
        }
        float[] p = probabilities(blocks, point, inputs, classes);
        double loss = 0;
        for (int i = 0; i < y.length; i++) {
            loss -= rowWeights[i] * Math.log(Math.max(1e-30, p[i * classes + y[i]]));
        }
        lastDataLoss = loss / y.length;
        lastProbabilities = p;
        lastPoint = point.clone();
    }

    /**
     * The rows of {@code x} cut in a view a core, as {@link CoreBlocks#start} cuts them (one view when there are too
     * few rows to be worth a second thread).
     */
    static INDArray[] blocks(INDArray x) {
        int n = (int) x.rows();
        int count = n < 2_000 ? 1 : CoreBlocks.cores();
        INDArray[] out = new INDArray[count];
        for (int b = 0; b < count; b++) {
            out[b] = count == 1 ? x : x.get(NDArrayIndex.interval(CoreBlocks.start(n, b, count),
                    CoreBlocks.start(n, b + 1, count)), NDArrayIndex.all());
        }
        return out;
    }

    /** Softmax probabilities of the rows of {@link #blocks}, rows x classes row-major, the blocks side by side. */
    static float[] probabilities(INDArray[] blocks, double[] point, int inputs, int classes) {
        float[] w = new float[inputs * classes];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) point[i];
        }
        INDArray weights = Nd4j.create(w, new long[] {inputs, classes}, 'f');
        List<float[]> parts = CoreBlocks.map(blocks.length, b -> softmax(blocks[b], weights, point, inputs, classes));
        if (parts.size() == 1) {
            return parts.get(0);
        }
        float[] all = new float[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static float[] softmax(INDArray features, INDArray weights, double[] point, int inputs, int classes) {
        float[] logits = features.mmul(weights).castTo(DataType.FLOAT).dup('c').data().asFloat();
        int rows = logits.length / classes;
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                logits[o + c] += (float) point[inputs * classes + c];
                max = Math.max(max, logits[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(logits[o + c] - max);
                logits[o + c] = (float) e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) {
                logits[o + c] = (float) (logits[o + c] / sum);
            }
        }
        return logits;
    }
}
