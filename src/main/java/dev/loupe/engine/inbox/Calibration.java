package dev.loupe.engine.inbox;

/**
 * The model's calibrated confidence on each validation photo and whether its top label was right: what tells how
 * often a suggestion at or above a given confidence is wrong, measured rather than assumed. Validation photos are
 * the labelled ones on the validation side of the content-hash split the run used, so the head never trained on them.
 */
public record Calibration(float[] confidence, boolean[] correct) {

    public static final Calibration NONE = new Calibration(new float[0], new boolean[0]);

    public Calibration {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException("confidences and outcomes differ in count");
        }
    }

    /** Validation photos whose top confidence is at least {@code threshold}. */
    public int countAtLeast(double threshold) {
        int n = 0;
        for (float c : confidence) {
            n += c >= (float) threshold ? 1 : 0;
        }
        return n;
    }

    /** Of those, how many the model got wrong. */
    public int errorsAtLeast(double threshold) {
        int n = 0;
        for (int i = 0; i < confidence.length; i++) {
            n += confidence[i] >= (float) threshold && !correct[i] ? 1 : 0;
        }
        return n;
    }

    /** The observed error rate at or above {@code threshold}; NaN when no validation photo reaches it. */
    public double errorRateAtLeast(double threshold) {
        int n = countAtLeast(threshold);
        return n == 0 ? Double.NaN : errorsAtLeast(threshold) / (double) n;
    }
}
