package dev.loupe.engine.workflow;

import java.util.Locale;

/**
 * What a run fine-tuned, for its summary.
 *
 * @param epochs                 epochs run (early stopping may end before the settings' bound)
 * @param headValidationAccuracy the linear head's, which the top started from
 * @param headRefitted           the search chose a hidden layer, so softmax regression was fitted to start from
 */
public record FineTuneSummary(String backbone, int blocks, int epochs, int bestEpoch, double bestValidationAccuracy,
                              double headValidationAccuracy, boolean headRefitted) {

    /** "Fine-tuned the last block of mobilenet-v1-0.75: 5 epochs, best validation accuracy 0.912 at epoch 3 …". */
    public String describe() {
        return String.format(Locale.ROOT, "Fine-tuned the last %s of %s: %d epoch%s, best validation accuracy %.3f at "
                        + "epoch %d (the %s it started from: %.3f)",
                blocks == 1 ? "block" : blocks + " blocks", backbone, epochs, epochs == 1 ? "" : "s",
                bestValidationAccuracy, bestEpoch, headRefitted ? "softmax regression" : "head",
                headValidationAccuracy);
    }
}
