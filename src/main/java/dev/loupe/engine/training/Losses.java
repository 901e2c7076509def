package dev.loupe.engine.training;

import dev.loupe.engine.util.Vectors;

/** Mean cross-entropy and accuracy of predicted probabilities. */
public final class Losses {

    private static final double EPS = 1e-7;

    private Losses() {
    }

    public static double crossEntropy(float[][] probabilities, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum -= Math.log(Math.max(EPS, probabilities[i][y[i]]));
        }
        return y.length == 0 ? Double.NaN : sum / y.length;
    }

    /** As {@link #crossEntropy(float[][], int[])}, the rows laid end to end ({@code classes} values each). */
    public static double crossEntropy(float[] probabilities, int classes, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum -= Math.log(Math.max(EPS, probabilities[i * classes + y[i]]));
        }
        return y.length == 0 ? Double.NaN : sum / y.length;
    }

    /** As {@link #accuracy(float[][], int[])}, the rows laid end to end: the first highest value wins, as there. */
    public static double accuracy(float[] probabilities, int classes, int[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            int o = i * classes;
            int top = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[o + c] > probabilities[o + top]) {
                    top = c;
                }
            }
            if (top == y[i]) {
                right++;
            }
        }
        return y.length == 0 ? Double.NaN : (double) right / y.length;
    }

    public static double accuracy(float[][] probabilities, int[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            if (Vectors.argmax(probabilities[i]) == y[i]) {
                right++;
            }
        }
        return y.length == 0 ? Double.NaN : (double) right / y.length;
    }

}
