package dev.loupe.engine.training;

import opennlp.tools.ml.maxent.quasinewton.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Softmax regression's training objective for L-BFGS: the class-weighted cross-entropy averaged over the rows, plus
 * {@code l2 / 2} times the squared weights (not the biases), as DL4J's {@code l2} and {@link MiniBatchAdam} count it.
 * Parameters are laid out like the output layer's {@code net.params()}: weights inputs x classes column-major, then the
 * biases. The two products (logits, weight gradient) go to BLAS through ND4J; the line search asks for the value and
 * then the gradient at the same point, so the last point's probabilities are kept and reused.
 */
final class SoftmaxObjective implements Function {

    private final INDArray x;
    private final int[] y;
    private final float[] rowWeights;
    private final int inputs;
    private final int classes;
    private final double l2;
    private double[] lastPoint;
    private float[] lastProbabilities;
    private double lastDataLoss;

    /**
     * @param x            rows x inputs, the standardised features
     * @param classWeights loss weight per class, or null for none
     */
    SoftmaxObjective(INDArray x, int[] y, float[] classWeights, int classes, double l2) {
        this.x = x;
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
        float[] delta = new float[n * classes];
        for (int i = 0; i < n; i++) {
            float w = rowWeights[i] / n;
            for (int c = 0; c < classes; c++) {
                delta[i * classes + c] = w * (lastProbabilities[i * classes + c] - (c == y[i] ? 1f : 0f));
            }
        }
        INDArray d = Nd4j.create(delta, new long[] {n, classes}, 'c');
        float[] weightGradient = x.transpose().mmul(d).dup('f').data().asFloat();
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
        float[] p = probabilities(x, point, inputs, classes);
        double loss = 0;
        for (int i = 0; i < y.length; i++) {
            loss -= rowWeights[i] * Math.log(Math.max(1e-30, p[i * classes + y[i]]));
        }
        lastDataLoss = loss / y.length;
        lastProbabilities = p;
        lastPoint = point.clone();
    }

    /** Softmax probabilities of the rows of {@code features} under parameters laid out as {@link #getDimension}. */
    static float[] probabilities(INDArray features, double[] point, int inputs, int classes) {
        float[] w = new float[inputs * classes];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) point[i];
        }
        INDArray weights = Nd4j.create(w, new long[] {inputs, classes}, 'f');
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
