package dev.loupe.engine.training;

/**
 * Calibrates probabilities with one temperature T fitted on the validation split (Guo et al., 2017): the logits are
 * divided by T, which changes confidence but never the ranking. As softmax(log p) = p, the head's probabilities can
 * stand in for its logits.
 */
public final class TemperatureScaling {

    private TemperatureScaling() {
    }

    /** The T in [0.05, 20] that minimises validation cross-entropy; 1 when there is nothing to fit on. */
    public static double fit(float[][] probabilities, int[] y) {
        if (y.length == 0) {
            return 1.0;
        }
        double lo = Math.log(0.05);
        double hi = Math.log(20);
        for (int i = 0; i < 80; i++) {
            double a = lo + (hi - lo) / 3;
            double b = hi - (hi - lo) / 3;
            if (loss(probabilities, y, Math.exp(a)) < loss(probabilities, y, Math.exp(b))) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    public static float[] apply(float[] probabilities, double temperature) {
        double[] logits = new double[probabilities.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.log(Math.max(1e-12, probabilities[i])) / temperature;
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.exp(logits[i] - max);
            sum += logits[i];
        }
        float[] out = new float[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (logits[i] / sum);
        }
        return out;
    }

    public static float[][] apply(float[][] probabilities, double temperature) {
        float[][] out = new float[probabilities.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(probabilities[i], temperature);
        }
        return out;
    }

    private static double loss(float[][] p, int[] y, double t) {
        return Losses.crossEntropy(apply(p, t), y);
    }
}
