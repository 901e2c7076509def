package dev.loupe.engine.inbox;

/**
 * How unsure a model is of one photo, from its calibrated class probabilities: the two measures active learning
 * orders by. Pure functions on one row; the benchmark ({@code LabellingBench}) and the inbox use the same ones.
 */
public final class Uncertainty {

    private Uncertainty() {
    }

    /** The top probability minus the second: 0 when the model cannot choose between two classes, 1 when sure. */
    public static float margin(float[] p) {
        if (p.length < 2) {
            return 1f;
        }
        float first = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (float v : p) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return first - second;
    }

    /** Shannon entropy in bits (0 when sure; log2 of the class count when every class is as likely). */
    public static float entropy(float[] p) {
        double h = 0;
        for (float v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return (float) (h / Math.log(2));
    }
}
