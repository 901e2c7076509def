package dev.loupe.engine.training;

/**
 * The work {@link HeadSearch} spends, counted rather than timed, so its budget (by default a few times the work of
 * its first trial) ends the walk at the same trial on a busy machine as on a quiet one. A unit is about a
 * millisecond of head training on the quiet 2-core machine of docs/benchmarks.md: an epoch costs a fixed part (the steps' and the validation pass's bookkeeping) and a part in
 * proportion to its rows (training and validation) times their features times the width they feed. Fitted to epochs
 * of 187 to 20,000 rows of 768 features timed in the thread's CPU time under load (2026-12-02; "Head search" in
 * docs/benchmarks.md), scaled to the quiet machine's figures (about 6.5 ms per epoch of a million rows x features
 * at 128 hidden units): softmax regression costs about as much as 128 hidden units with 10 classes (its output layer
 * runs in Java), 256 units about 1.8 times as much.
 */
final class SearchWork {

    /** Units per epoch whatever its size. */
    static final double EPOCH = 1.5;
    /** Units per row x feature x unit of width. */
    static final double PER_PRODUCT = 4.0e-8;
    /** Width added to the hidden units for what follows them (ReLU, the output layer, Adam's update of the weights). */
    static final int HIDDEN_EXTRA = 36;
    /** Width of softmax regression per class: its output layer is Java arithmetic, not BLAS. */
    static final int SOFTMAX_PER_CLASS = 16;

    private SearchWork() {
    }

    /** The work of one training run of {@code setting} that ran {@code epochs} epochs on {@code train}. */
    static double of(int epochs, LabelledFeatures train, LabelledFeatures validation, HeadSetting setting,
                     int classes) {
        int features = train.x()[0].length;
        int width = setting.hiddenUnits() > 0 ? setting.hiddenUnits() + HIDDEN_EXTRA : SOFTMAX_PER_CLASS * classes;
        double rows = train.size() + validation.size();
        return epochs * (EPOCH + PER_PRODUCT * rows * features * width);
    }
}
