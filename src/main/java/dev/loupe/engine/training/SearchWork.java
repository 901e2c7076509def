package dev.loupe.engine.training;

/**
 * The work {@link HeadSearch} spends, counted rather than timed, so its budget (by default a few times the work of
 * its first trial) ends the walk at the same trial on a busy machine as on a quiet one. A unit is about a
 * millisecond of head training on the quiet 2-core machine of docs/benchmarks.md: an epoch costs a fixed part (the steps' and the validation pass's bookkeeping) and a part in
 * proportion to its rows (training and validation) times their features times the width they feed. Fitted to epochs
 * of 187 to 20,000 rows of 768 features timed in the thread's CPU time under load (2026-12-02; "Head search" in
 * docs/benchmarks.md), scaled to the quiet machine's figures (about 6.5 ms per epoch of a million rows x features
 * at 128 hidden units), 256 units about 1.8 times as much. Softmax regression ({@link SoftmaxRegression}) counts
 * its L-BFGS iterations instead of epochs: each computes the logits and the weight gradient on every training row
 * (two products of rows x features x classes through BLAS) and the validation rows' logits (one), plus the line
 * search's bookkeeping.
 */
final class SearchWork {

    /** Units per epoch whatever its size. */
    static final double EPOCH = 1.5;
    /** Units per row x feature x unit of width. */
    static final double PER_PRODUCT = 4.0e-8;
    /** Width added to the hidden units for what follows them (ReLU, the output layer, Adam's update of the weights). */
    static final int HIDDEN_EXTRA = 36;
    /**
     * Units per row x feature x class of one softmax product. Set so softmax trials count more than their measured
     * share, never less: on Fashion-MNIST (47,899 + 12,101 rows x 768) the starting hidden-128 trial took 273 s and
     * softmax at L2 0.01 (31 iterations) 46 s in the same run (load 8-11), 6 to 1, where the units say 4,800 to
     * 1,800 (docs/benchmarks.md, "Fashion-MNIST, all 60,000 training photos").
     */
    static final double SOFTMAX_PER_PRODUCT = 7e-8;

    private SearchWork() {
    }

    /**
     * The work of one training run of {@code setting} that ran {@code epochs} epochs (L-BFGS iterations for softmax
     * regression) on {@code train}.
     */
    static double of(int epochs, LabelledFeatures train, LabelledFeatures validation, HeadSetting setting,
                     int classes) {
        int features = train.x()[0].length;
        if (setting.hiddenUnits() == 0) {
            double products = (2.0 * train.size() + validation.size()) * features * classes;
            return epochs * (EPOCH + SOFTMAX_PER_PRODUCT * products);
        }
        double rows = train.size() + validation.size();
        return epochs * (EPOCH + PER_PRODUCT * rows * features * (setting.hiddenUnits() + HIDDEN_EXTRA));
    }
}
