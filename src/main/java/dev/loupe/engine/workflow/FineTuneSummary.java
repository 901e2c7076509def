package dev.loupe.engine.workflow;

import java.util.Locale;

/**
 * What a run fine-tuned, for its summary.
 *
 * @param epochs                 epochs run (early stopping may end before the settings' bound)
 * @param headValidationAccuracy the linear head's, which the top started from
 * @param headRefitted           the search chose a hidden layer, so softmax regression was fitted to start from
 * @param headAloneAccuracy      the run's chosen head on the stock backbone, on the same photos; NaN until compared
 */
public record FineTuneSummary(String backbone, int blocks, int epochs, int bestEpoch, double bestValidationAccuracy,
                              double headValidationAccuracy, boolean headRefitted, double headAloneAccuracy) {

    public FineTuneSummary(String backbone, int blocks, int epochs, int bestEpoch, double bestValidationAccuracy,
                           double headValidationAccuracy, boolean headRefitted) {
        this(backbone, blocks, epochs, bestEpoch, bestValidationAccuracy, headValidationAccuracy, headRefitted,
                Double.NaN);
    }

    /** This summary with the chosen head's own accuracy on the validation photos, which decides what is kept. */
    public FineTuneSummary against(double headAlone) {
        return new FineTuneSummary(backbone, blocks, epochs, bestEpoch, bestValidationAccuracy,
                headValidationAccuracy, headRefitted, headAlone);
    }

    /** The fine-tuned top scored below the head alone, so the model keeps the head on the stock backbone. */
    public boolean keptHead() {
        return bestValidationAccuracy < headAloneAccuracy;
    }

    /** "Fine-tuned the last block of mobilenet-v1-0.75: 5 epochs, best validation accuracy 0.912 at epoch 3 …". */
    public String describe() {
        return String.format(Locale.ROOT, "Fine-tuned the last %s of %s: %d epoch%s, best validation accuracy %.3f at "
                        + "epoch %d (the %s it started from: %.3f)",
                blocks == 1 ? "block" : blocks + " blocks", backbone, epochs, epochs == 1 ? "" : "s",
                bestValidationAccuracy, bestEpoch, headRefitted ? "softmax regression" : "head",
                headValidationAccuracy)
                + (keptHead() ? String.format(Locale.ROOT, "; below the head alone's %.3f, so the model keeps the "
                + "head alone on the stock backbone", headAloneAccuracy) : "");
    }
}
