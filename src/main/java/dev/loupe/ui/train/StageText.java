package dev.loupe.ui.train;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.jobs.JobSnapshot;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.training.HeadSetting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words the pane shows for a job's stage, a job's end and a stored run. */
final class StageText {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private StageText() {
    }

    static String of(JobSnapshot s) {
        if (s.stage().equals(HeadSetting.LBFGS_STAGE)) {
            // The total is only L-BFGS's cap: the fit ends when it converges, usually far sooner.
            return s.stage() + ": iteration " + s.done();
        }
        if (s.stage().startsWith("Training") && s.total() > 0) {
            return "Training: epoch " + s.done() + " of " + s.total();
        }
        if (s.stage().isBlank()) {
            return "Starting…";
        }
        return s.total() > 0 ? s.stage() + " (" + s.done() + "/" + s.total() + ")" : s.stage();
    }

    static String ending(JobSnapshot s) {
        return switch (s.state()) {
            case SUCCEEDED -> "Training finished";
            case CANCELLED -> "Training cancelled";
            case FAILED -> "Training failed: " + s.error();
            default -> "";
        };
    }

    static String summary(RunRecord r) {
        String state = r.state().name().toLowerCase(Locale.ROOT);
        // A finished L-BFGS fit says how many iterations it converged in (stoppedEarly); an epoch count would mislead.
        String steps = !r.curvesAreLbfgsIterations() ? ", " + Plurals.of(r.history().size(), "epoch")
                + (r.bestEpoch() > 0 ? ", best " + r.bestEpoch() : "")
                : r.state() != RunState.FINISHED ? ", " + Plurals.of(r.history().size(), "L-BFGS iteration") : "";
        // "Run of 2 Dec 15:32", not "Run 2 Dec 15:32": a first run read as "Run 2".
        return "Run of " + DATE.format(Instant.ofEpochMilli(r.startedAt())) + ": " + state + steps
                + (r.durationMillis() > 0 ? ", " + duration(r.durationMillis()) : "") + stoppedEarly(r) + head(r);
    }

    /** What the charts' steps are: L-BFGS iterations for softmax regression, epochs for a hidden layer. */
    static String step(boolean lbfgs) {
        return lbfgs ? "L-BFGS iteration" : "epoch";
    }

    /** The head the run trained and why: chosen by the search (with its score) or as set; "" before it finished. */
    static String head(RunRecord r) {
        String head = r.headChoice() != null ? ". Head: " + r.headChoice().reason()
                : r.state() == RunState.FINISHED ? ". Head: " + r.config().head().describe() + ", as set" : "";
        return head + fineTuned(r);
    }

    /** ". Fine-tuned the last block of mobilenet-v1-0.75: best validation accuracy 0.912 at epoch 3", or "". */
    static String fineTuned(RunRecord r) {
        int blocks = r.config().fineTuneBlocks();
        if (blocks == 0) {
            return "";
        }
        String what = ". Fine-tuned the last " + (blocks == 1 ? "block" : blocks + " blocks") + " of "
                + r.config().backbone();
        if (r.state() == RunState.FINISHED && r.bestEpoch() == 0 && !r.history().isEmpty()) {
            return what + ": no epoch scored above the head alone on validation, so the model keeps the head alone";
        }
        return r.state() == RunState.FINISHED && r.bestEpoch() > 0
                ? what + String.format(Locale.ROOT, ": best validation accuracy %.3f at epoch %d",
                        r.history().get(r.bestEpoch() - 1).validationAccuracy(), r.bestEpoch())
                : what;
    }

    /**
     * Why a finished run ran fewer epochs than asked for, or "" (it ran them all, or did not finish). Softmax
     * regression has no epochs to stop early: L-BFGS ran until it converged, and its last iteration is kept.
     */
    static String stoppedEarly(RunRecord r) {
        int ran = r.history().size();
        if (r.state() != RunState.FINISHED || ran == 0) {
            return "";
        }
        if (r.curvesAreLbfgsIterations()) {
            return ran < HeadSetting.LBFGS_MAX_ITERATIONS ? ". L-BFGS converged after " + Plurals.of(ran, "iteration")
                    : ". L-BFGS stopped at its cap of " + ran + " iterations before converging";
        }
        if (ran >= r.epochLimit()) {
            return "";
        }
        return ". Stopped at epoch " + ran + " of " + r.epochLimit() + ": validation loss stopped improving"
                + (r.bestEpoch() > 0 ? " after epoch " + r.bestEpoch() : "");
    }

    /** Every head setting the run's search tried, one a line, for the run's tooltip; "" without a search. */
    static String trials(RunRecord r) {
        if (r.headChoice() == null || r.headChoice().trials().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\nHead settings tried (" + r.headChoice().method() + "):");
        for (var t : r.headChoice().trials()) {
            s.append(String.format(Locale.ROOT, "%n  %s: accuracy %.3f, loss %.3f", t.describe(),
                    t.accuracy(), t.loss()));
        }
        return s.toString();
    }

    static String duration(long millis) {
        long s = Math.round(millis / 1000.0);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
