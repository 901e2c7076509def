package dev.loupe.cli;

import dev.loupe.engine.features.ImageProblem;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.HeadTrial;
import dev.loupe.engine.workflow.TrainOutcome;

import java.io.PrintWriter;

/** The human-readable summary of {@code loupe train}. */
final class TrainReport {

    private TrainReport() {
    }

    static void print(PrintWriter out, TrainOutcome o) {
        out.printf("Features: %d extracted, %d cached (%s)%n", o.extracted(), o.cached(),
                o.manifest().backbone().id());
        var provenance = o.manifest().provenance();
        if (provenance != null && provenance.config().augmentations() > 0) {
            // The counts above include the variants; say so, or 200 photos "extracting 1,464" looks like a bug.
            out.printf("Augmentation: %d variants%s of each of the %d training images (counted above)%n",
                    provenance.config().augmentations(), provenance.config().augmentColour() ? " with colour changes"
                            : "", provenance.metrics().trainImages());
        } else if (o.headChoice() != null && o.headChoice().augmentation().isPresent()) {
            out.println("Augmentation: variants of the training images made for the head search (counted above), "
                    + "then left out: the photos alone scored better (below)");
        }
        if (!o.problems().isEmpty()) {
            out.printf("Skipped %d unreadable image(s) or folder(s):%n", o.problems().size());
            for (ImageProblem p : o.problems()) {
                out.println("  " + TerminalText.safe(p));
            }
        }
        if (o.headChoice() != null) {
            out.println("Head: " + o.headChoice().reason());
            for (HeadTrial t : o.headChoice().trials()) {
                out.printf("  %-58s accuracy %.3f, loss %.3f, %.0f %s, %s%n", t.describe(),
                        t.accuracy(), t.loss(), t.epochs(), t.setting().fittedByLbfgs() ? "L-BFGS iterations"
                                : "epochs", Output.seconds(t.millis()));
            }
        } else {
            out.println("Head: " + o.config().head().describe() + " (as given)");
        }
        if (o.fineTune() != null) {
            // The epochs are the fine-tuning's: the head's own fit only started it.
            out.println(o.fineTune().describe());
        } else if (o.config().head().fittedByLbfgs()) {
            // Fitted to convergence: the last iteration is the model, there was no early stopping to report.
            EpochMetrics best = o.history().get(o.bestEpoch() - 1);
            out.printf("L-BFGS %s after %d iterations: validation accuracy %s, validation loss %s%n",
                    o.history().size() < HeadSetting.LBFGS_MAX_ITERATIONS ? "converged" : "stopped at its cap",
                    o.history().size(), Output.pct(best.validationAccuracy()), Output.num(best.validationLoss()));
        } else {
            EpochMetrics best = o.history().get(o.bestEpoch() - 1);
            out.printf("Best epoch %d of %d: validation accuracy %s, validation loss %s%n", o.bestEpoch(),
                    o.history().size(), Output.pct(best.validationAccuracy()), Output.num(best.validationLoss()));
        }
        EvaluationPrinter.print(out, o.evaluation(), o.evaluatedOn(), 5);
        out.printf("Saved %s (%s)%n", TerminalText.safe(o.model()), Output.seconds(o.millis()));
        out.flush();
    }
}
