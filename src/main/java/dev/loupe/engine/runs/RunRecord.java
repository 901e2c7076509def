package dev.loupe.engine.runs;

import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.finetune.FineTuneSettings;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.HeadChoice;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainOutcome;

import java.util.List;

/**
 * One training run as stored in {@code run.json}. Times are epoch milliseconds (no Java-time module needed to read
 * them back). The model bundle, when the run finished, is {@link #model} inside the run's folder.
 *
 * @param pid              the process that ran it, with {@code processStart}, to tell a live run from a dead one
 * @param evaluation       null unless finished
 * @param error            why it failed, or null
 * @param automatic        started by Loupe itself (the inbox's background retrain), not by the user; the history
 *                         keeps only the latest of these unless the user keeps one ({@link RunHistory#pruneAutomatic})
 * @param kept             an automatic run the user chose to keep (runs the user started are always kept)
 * @param headChoice       the head settings the search chose and why; null when given (then {@code config} holds
 *                         them) or not chosen yet. A fine-tuning run records it once chosen, before its first
 *                         epoch, so that a resume goes on with it ({@code KeptHead}); a head trained alone, once
 *                         finished. {@code config} stays what was asked (a retrain searches again).
 * @param fineTune         the settings the run fine-tunes with, recorded when it starts; null when it trains the head
 *                         alone, or in a record written before they were recorded
 *
 * A {@link Partial} too: {@code TrainJob} reports the record as soon as it is running, so the run list shows the run
 * (a fresh one or a resumed one) as running while it runs.
 */
public record RunRecord(int formatVersion, String id, RunState state, long startedAt, long finishedAt, long pid,
                        long processStart, TrainingConfig config, List<EpochMetrics> history, int bestEpoch,
                        int extracted, int cached, EvaluationReport evaluation, String evaluatedOn,
                        List<String> warnings, String model, String error, boolean automatic, boolean kept,
                        HeadChoice headChoice, FineTuneSettings fineTune) implements Partial {

    /**
     * Still 1: {@code automatic} and {@code kept} read as false from an older record, {@code headChoice} and
     * {@code fineTune} as null, and older Loupes skip them.
     */
    public static final int FORMAT_VERSION = 1;
    /** Fine-tuning's epoch limit in every run before runs recorded their fine-tuning settings. */
    static final int UNRECORDED_FINE_TUNE_EPOCHS = 5;
    public static final String MODEL_FILE = "model.loupe";
    /** A fine-tuning run's state after its last completed epoch ({@code Checkpoint}); gone once it finished. */
    public static final String CHECKPOINT_FILE = "checkpoint.bin";
    /** The head a fine-tuning run chose before its first epoch ({@code KeptHead}); gone once it finished. */
    public static final String HEAD_FILE = "head.loupe";

    /** A run the user started (neither automatic nor kept by hand): the record as it was before automatic runs. */
    public RunRecord(int formatVersion, String id, RunState state, long startedAt, long finishedAt, long pid,
                     long processStart, TrainingConfig config, List<EpochMetrics> history, int bestEpoch,
                     int extracted, int cached, EvaluationReport evaluation, String evaluatedOn,
                     List<String> warnings, String model, String error) {
        this(formatVersion, id, state, startedAt, finishedAt, pid, processStart, config, history, bestEpoch,
                extracted, cached, evaluation, evaluatedOn, warnings, model, error, false, false, null, null);
    }

    static RunRecord started(String id, TrainingConfig config, long now, long pid, long processStart,
                             boolean automatic) {
        return new RunRecord(FORMAT_VERSION, id, RunState.RUNNING, now, 0, pid, processStart, config, List.of(), 0,
                0, 0, null, null, List.of(), null, null, automatic, false, null,
                config.fineTuneBlocks() > 0 ? FineTuneSettings.forRun(config) : null);
    }

    /** The record of a run that produced a model. */
    public RunRecord finished(TrainOutcome o, long now) {
        return new RunRecord(formatVersion, id, RunState.FINISHED, startedAt, now, pid, processStart, config,
                List.copyOf(o.history()), o.bestEpoch(), o.extracted(), o.cached(), o.evaluation(), o.evaluatedOn(),
                List.copyOf(o.warnings()), MODEL_FILE, null, automatic, kept, o.headChoice(),
                fineTune);
    }

    /** The record of a run that ended without a model, keeping the epochs it got through. */
    public RunRecord ended(RunState end, String why, List<EpochMetrics> epochs, long now) {
        return new RunRecord(formatVersion, id, end, startedAt, now, pid, processStart, config, List.copyOf(epochs),
                bestEpoch, extracted, cached, evaluation, evaluatedOn, warnings, model, why, automatic, kept,
                headChoice, fineTune);
    }

    /** The same run going on in this process ({@code pid}) from its checkpoint: running again, its error cleared. */
    RunRecord resumed(long newPid, long newProcessStart) {
        return new RunRecord(formatVersion, id, RunState.RUNNING, startedAt, 0, newPid, newProcessStart, config,
                history, bestEpoch, extracted, cached, null, null, warnings, null, null, automatic, kept, headChoice,
                fineTune);
    }

    /** The same running record with the epochs done so far, so that a run the process dies in keeps its curves. */
    RunRecord withHistory(List<EpochMetrics> epochs) {
        return new RunRecord(formatVersion, id, state, startedAt, finishedAt, pid, processStart, config,
                List.copyOf(epochs), bestEpoch, extracted, cached, evaluation, evaluatedOn, warnings, model, error,
                automatic, kept, headChoice, fineTune);
    }

    /** The same running record with the head choice it has just made (before its first fine-tuning epoch). */
    RunRecord withHeadChoice(HeadChoice choice) {
        return new RunRecord(formatVersion, id, state, startedAt, finishedAt, pid, processStart, config, history,
                bestEpoch, extracted, cached, evaluation, evaluatedOn, warnings, model, error, automatic, kept, choice,
                fineTune);
    }

    /** Whether the run can go on from a checkpoint: a fine-tuning run that ended without a model. */
    public boolean endedEarly() {
        return config.fineTuneBlocks() > 0 && (state == RunState.CANCELLED || state == RunState.INTERRUPTED
                || state == RunState.FAILED);
    }

    /** The same record, kept (or no longer kept) by the user. */
    public RunRecord withKept(boolean keep) {
        return new RunRecord(formatVersion, id, state, startedAt, finishedAt, pid, processStart, config, history,
                bestEpoch, extracted, cached, evaluation, evaluatedOn, warnings, model, error, automatic, keep,
                headChoice, fineTune);
    }

    /** The head's settings as trained: the search's choice, else the config's. */
    public HeadSetting trainedHead() {
        return headChoice != null ? headChoice.chosen() : config.head();
    }

    /**
     * Whether the run's curves are L-BFGS iterations (a softmax regression head, nothing fine-tuned) rather than
     * epochs: a fine-tuning run's curves are the fine-tuning's epochs whatever head it started from.
     */
    public boolean curvesAreLbfgsIterations() {
        return trainedHead().fittedByLbfgs() && config.fineTuneBlocks() == 0;
    }

    /**
     * The most epochs the run's curves could have run to: fine-tuning's own limit as the run recorded it when it
     * fine-tuned (its curves are the fine-tuning's), else the head's epochs as configured.
     */
    public int epochLimit() {
        if (config.fineTuneBlocks() == 0) {
            return config.epochs();
        }
        return fineTune != null ? fineTune.epochs() : UNRECORDED_FINE_TUNE_EPOCHS;
    }

    /** Run time in milliseconds; 0 while running. */
    public long durationMillis() {
        return finishedAt > 0 ? finishedAt - startedAt : 0;
    }

    /** The best epoch's validation accuracy (training accuracy without a validation split), or NaN. */
    public double validationAccuracy() {
        if (evaluation != null) {
            return evaluation.accuracy();
        }
        return history.stream().filter(m -> m.epoch() == bestEpoch).findFirst()
                .map(m -> m.hasValidation() ? m.validationAccuracy() : m.trainAccuracy()).orElse(Double.NaN);
    }

    public boolean hasModel() {
        return state == RunState.FINISHED && model != null;
    }
}
