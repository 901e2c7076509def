package dev.loupe.engine.training;

import java.math.BigDecimal;

/**
 * The head settings {@link HeadSearch} chooses between: the network's shape and how it is regularised and stepped.
 *
 * @param hiddenUnits  0 for softmax regression, else one hidden ReLU layer of this size
 * @param dropout      probability of dropping a unit feeding the output layer
 * @param l2           weight decay
 * @param learningRate Adam's step size
 */
public record HeadSetting(int hiddenUnits, double dropout, double l2, double learningRate) {

    /**
     * The stage a softmax regression head's fit reports instead of "Training": each of its steps is an L-BFGS
     * iteration over every row and the fit ends when it has converged, not an epoch of a run that early stopping ends.
     */
    public static final String LBFGS_STAGE = "Training by L-BFGS";
    /** L-BFGS's cap on iterations: enough for the fits measured in docs/benchmarks.md to converge first. */
    public static final int LBFGS_MAX_ITERATIONS = 500;

    /** Softmax regression (no hidden layer), fitted by L-BFGS: its history counts iterations, not epochs. */
    public boolean fittedByLbfgs() {
        return hiddenUnits == 0;
    }

    /**
     * E.g. "softmax regression, L2 0.0001" or "hidden 128, dropout 0.5, L2 0.01, learning rate 0.003": softmax
     * regression is fitted to convergence ({@link SoftmaxRegression}), so dropout and the learning rate do not apply.
     */
    public String describe() {
        if (hiddenUnits == 0) {
            return "softmax regression, L2 " + plain(l2);
        }
        String shape = "hidden " + hiddenUnits;
        String drop = dropout > 0 ? ", dropout " + plain(dropout) : "";
        return shape + drop + ", L2 " + plain(l2) + ", learning rate " + plain(learningRate);
    }

    /**
     * The setting as it is fitted: softmax regression has no dropout and no learning rate (L-BFGS), so every softmax
     * setting of one L2 is the same fit and gets the same dropout (0) and {@code learningRate}, and compares equal.
     */
    HeadSetting fitted(double learningRate) {
        return hiddenUnits == 0 ? new HeadSetting(0, 0, l2, learningRate) : this;
    }

    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    HeadSetting withHidden(int units) {
        return new HeadSetting(units, dropout, l2, learningRate);
    }

    HeadSetting withDropout(double p) {
        return new HeadSetting(hiddenUnits, p, l2, learningRate);
    }

    HeadSetting withL2(double v) {
        return new HeadSetting(hiddenUnits, dropout, v, learningRate);
    }

    HeadSetting withLearningRate(double v) {
        return new HeadSetting(hiddenUnits, dropout, l2, v);
    }
}
