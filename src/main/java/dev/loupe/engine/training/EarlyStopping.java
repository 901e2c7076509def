package dev.loupe.engine.training;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Early stopping for an epoch loop, the one rule of the head ({@link HeadTrainer}) and of fine-tuning: the watched loss
 * is the validation loss (the training loss without a validation split); an epoch is the best when it lowers that by
 * at least {@value #MIN_IMPROVEMENT}, and its weights are kept; training stops after {@code patience} epochs without a
 * best one. Until an epoch improves, the weights before the first epoch count as epoch 1's.
 */
public final class EarlyStopping {

    /** A smaller fall in loss is noise, not progress. */
    static final double MIN_IMPROVEMENT = 1e-5;

    private final Model network;
    private final int patience;
    private final INDArray best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch = 1;

    /** Copies the network's weights as they are now: the ones {@link #restoreBest} puts back if no epoch improves. */
    public EarlyStopping(Model network, int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1");
        }
        this.network = network;
        this.patience = patience;
        this.best = network.params().dup();
    }

    /**
     * Watches the epoch just run; keeps the network's weights when it is the best so far.
     *
     * @return false when patience has run out: the loop stops
     */
    public boolean carryOn(EpochMetrics m) {
        return watch(m, true);
    }

    /**
     * Picks up where a fine-tuning checkpoint left off: the rule replayed over the epochs already run, with the
     * weights that were kept for the best of them.
     *
     * @return false when patience had run out by the last of them: no epoch is left to run
     */
    public boolean resume(List<EpochMetrics> epochs, INDArray bestWeights) {
        boolean carryOn = true;
        for (EpochMetrics m : epochs) {
            carryOn = watch(m, false);
        }
        best.assign(bestWeights);
        return carryOn;
    }

    /** The best epoch's weights as kept so far (what a checkpoint saves); not to be changed. */
    public INDArray bestWeights() {
        return best;
    }

    private boolean watch(EpochMetrics m, boolean keepWeights) {
        double loss = watched(m);
        if (improves(loss, bestLoss)) {
            bestLoss = loss;
            bestEpoch = m.epoch();
            if (keepWeights) {
                best.assign(network.params());
            }
            return true;
        }
        return m.epoch() - bestEpoch < patience;
    }

    /** Puts the best epoch's weights back into the network and says which epoch that was (1-based). */
    public int restoreBest() {
        network.setParams(best);
        return bestEpoch;
    }

    /** The epoch a finished or running history keeps by the same rule; 0 for none. */
    public static int bestEpoch(List<EpochMetrics> epochs) {
        int epoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (EpochMetrics m : epochs) {
            double loss = watched(m);
            if (improves(loss, bestLoss)) {
                bestLoss = loss;
                epoch = m.epoch();
            }
        }
        return epoch;
    }

    private static boolean improves(double loss, double bestLoss) {
        return loss < bestLoss - MIN_IMPROVEMENT;
    }

    private static double watched(EpochMetrics m) {
        return m.hasValidation() ? m.validationLoss() : m.trainLoss();
    }
}
