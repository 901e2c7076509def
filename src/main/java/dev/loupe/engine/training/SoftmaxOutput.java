package dev.loupe.engine.training;

/**
 * A head's output layer (dense, softmax, weighted cross-entropy) forward and backward for one mini-batch, in plain
 * Java. It is small (256 x 5 for the default head) and each of its steps was a separate ND4J call whose fixed cost
 * (op object, shape checks, JNI) outweighed its arithmetic, thousands of times per run. Parameters and gradients are
 * read and written in the flat arrays laid out like {@code net.params()}: weights column-major (DL4J's 'f' order),
 * then the bias.
 */
final class SoftmaxOutput {

    private final int inputs;
    private final int classes;
    private final int weightOffset;
    private final int biasOffset;
    private final float[] delta;

    SoftmaxOutput(int inputs, int classes, int weightOffset, int biasOffset, int maxRows) {
        this.inputs = inputs;
        this.classes = classes;
        this.weightOffset = weightOffset;
        this.biasOffset = biasOffset;
        this.delta = new float[maxRows * classes];
    }

    /**
     * Writes the gradient of the loss averaged over {@code rows} into {@code grad}'s weight and bias, and, when
     * {@code dIn} is not null, the gradient with respect to the input.
     *
     * @param in      rows x inputs, row-major: the layer's input (after dropout)
     * @param labels  class of each row, from index {@code first}
     * @param weights loss weight of each row, from index {@code first}
     */
    void backprop(float[] in, int rows, int[] labels, float[] weights, int first, float[] params, float[] grad,
                  float[] dIn) {
        for (int r = 0; r < rows; r++) {
            softmaxDelta(in, r, labels[first + r], weights[first + r], rows, params);
        }
        java.util.Arrays.fill(grad, weightOffset, weightOffset + inputs * classes, 0f);
        java.util.Arrays.fill(grad, biasOffset, biasOffset + classes, 0f);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < classes; j++) {
                float d = delta[r * classes + j];
                grad[biasOffset + j] += d;
                int w = weightOffset + j * inputs;
                int x = r * inputs;
                for (int i = 0; i < inputs; i++) {
                    grad[w + i] += d * in[x + i];
                }
            }
        }
        if (dIn != null) {
            java.util.Arrays.fill(dIn, 0, rows * inputs, 0f);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < classes; j++) {
                    float d = delta[r * classes + j];
                    int w = weightOffset + j * inputs;
                    int x = r * inputs;
                    for (int i = 0; i < inputs; i++) {
                        dIn[x + i] += d * params[w + i];
                    }
                }
            }
        }
    }

    /**
     * Adds each row's cross-entropy (unweighted, probabilities floored at 1e-7 as {@link Losses} does) and whether it
     * is classified right to {@code sums} [loss, right], computed from {@code in} without dropout: the training
     * metrics of an epoch come from its own steps instead of another pass over all the rows.
     */
    void score(float[] in, int rows, int[] labels, int first, float[] params, double[] sums) {
        float[] logits = new float[classes];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                logits[j] = dot(in, r * inputs, params, weightOffset + j * inputs) + params[biasOffset + j];
                if (logits[j] > max) {
                    max = logits[j];
                    best = j;
                }
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[j] - max);
            }
            int label = labels[first + r];
            double p = Math.exp(logits[label] - max) / sum;
            sums[0] -= Math.log(Math.max(1e-7, p));
            sums[1] += best == label ? 1 : 0;
        }
    }

    /** Four partial sums: the JIT keeps float additions in order, so one sum would be one long dependency chain. */
    private float dot(float[] a, int aStart, float[] b, int bStart) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < inputs; i += 4) {
            s0 += a[aStart + i] * b[bStart + i];
            s1 += a[aStart + i + 1] * b[bStart + i + 1];
            s2 += a[aStart + i + 2] * b[bStart + i + 2];
            s3 += a[aStart + i + 3] * b[bStart + i + 3];
        }
        for (; i < inputs; i++) {
            s0 += a[aStart + i] * b[bStart + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Row r's d(loss)/d(logits): w_y * (softmax - onehot(y)) / rows, as DL4J's weighted MCXENT gives it. */
    private void softmaxDelta(float[] in, int r, int label, float weight, int rows, float[] params) {
        int out = r * classes;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            float z = dot(in, r * inputs, params, weightOffset + j * inputs) + params[biasOffset + j];
            delta[out + j] = z;
            max = Math.max(max, z);
        }
        float sum = 0;
        for (int j = 0; j < classes; j++) {
            float e = (float) Math.exp(delta[out + j] - max);
            delta[out + j] = e;
            sum += e;
        }
        for (int j = 0; j < classes; j++) {
            float p = delta[out + j] / sum;
            delta[out + j] = (p * weight - (j == label ? weight : 0f)) / rows;
        }
    }
}
