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

    /** Row r's d(loss)/d(logits): w_y * (softmax - onehot(y)) / rows, as DL4J's weighted MCXENT gives it. */
    private void softmaxDelta(float[] in, int r, int label, float weight, int rows, float[] params) {
        int out = r * classes;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            int w = weightOffset + j * inputs;
            int x = r * inputs;
            float z = params[biasOffset + j];
            for (int i = 0; i < inputs; i++) {
                z += in[x + i] * params[w + i];
            }
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
