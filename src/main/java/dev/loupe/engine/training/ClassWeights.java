package dev.loupe.engine.training;

/**
 * Loss weights that make every class count as much as the others, however many images it has: the head's and
 * fine-tuning's ({@code FineTuner}).
 */
public final class ClassWeights {

    private ClassWeights() {
    }

    /** n / (k * count_c); a class with no example gets weight 1. */
    public static float[] inverseFrequency(int[] y, int classes) {
        int[] counts = new int[classes];
        for (int label : y) {
            counts[label]++;
        }
        float[] w = new float[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 1f : (float) y.length / (classes * counts[c]);
        }
        return w;
    }
}
