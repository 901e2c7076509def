package dev.loupe.engine.runs;

import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.training.HeadChoice;
import dev.loupe.engine.workflow.KeptHead;
import dev.loupe.engine.workflow.TrainOutcome;
import dev.loupe.engine.workflow.TrainWorkflow;

import dev.loupe.engine.finetune.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A training run with a history: records the run as running, trains into the run's folder, then records how it
 * ended (finished, failed or cancelled, with the epochs it got through). A finished run becomes the selected one,
 * since a user who retrains wants the new model used; they can pick an older run afterwards. A fine-tuning run keeps
 * a checkpoint in its folder after each epoch (and its record the epochs so far), so one cancelled or cut short
 * goes on from there ({@link #resume}); the checkpoint goes once the run finished. The studio's Retrain and Resume,
 * the inbox's background retrain, {@code loupe train} and {@code loupe runs resume} all train through this one job.
 */
public final class TrainJob implements Job<RunRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

    private final TrainWorkflow workflow;
    private final RunHistory history;
    private final Path dataset;
    private final TrainingConfig config;
    private final boolean automatic;
    private final String resume;
    private volatile RunRecord recorded;
    private volatile TrainOutcome outcome;

    public TrainJob(TrainWorkflow workflow, RunHistory history, Path dataset, TrainingConfig config) {
        this(workflow, history, dataset, config, false);
    }

    /**
     * @param automatic a run Loupe starts itself (the inbox's background retrain): recorded as automatic, and once it
     *                  finished the older automatic runs the user did not keep are removed
     *                  ({@link RunHistory#pruneAutomatic})
     */
    public TrainJob(TrainWorkflow workflow, RunHistory history, Path dataset, TrainingConfig config,
                    boolean automatic) {
        this(workflow, history, dataset, config, automatic, null);
    }

    private TrainJob(TrainWorkflow workflow, RunHistory history, Path dataset, TrainingConfig config,
                     boolean automatic, String resume) {
        this.workflow = workflow;
        this.history = history;
        this.dataset = dataset;
        this.config = config;
        this.automatic = automatic;
        this.resume = resume;
    }

    /**
     * Continues run {@code id} (a fine-tuning run cancelled, failed or cut short) from its last completed epoch, with
     * its own settings, in its own folder; its earlier epochs are reported again first, so the curves are whole.
     */
    public static TrainJob resume(TrainWorkflow workflow, RunHistory history, Path dataset, String id) {
        return new TrainJob(workflow, history, dataset, null, false, id);
    }

    @Override
    public RunRecord run(JobMonitor monitor) throws Exception {
        RunRecord run;
        if (resume == null) {
            workflow.requireAvailable(config); // a backbone not downloaded is no run: nothing red in the history
            DatasetScanner.requireFolder(dataset); // nor is a mistyped dataset path (loupe train)
            run = history.start(config, automatic);
        } else {
            run = history.resume(resume); // its backbone trained it once: if removed since, the run fails saying so
        }
        recorded = run;
        monitor.partial(run); // the run list shows it running (a resumed one too, no longer as it ended) at once
        Path checkpoint = history.checkpointPath(run.id());
        Path head = history.headPath(run.id());
        Recorder recorder = new Recorder(monitor, run, history, resume != null);
        try {
            TrainOutcome outcome = workflow.run(dataset, run.config(), history.modelPath(run.id()),
                    resume == null ? Checkpoint.at(checkpoint) : Checkpoint.resumeFrom(checkpoint),
                    new KeptHead(head, resume == null ? null : run.headChoice()), recorder);
            this.outcome = outcome;
            RunRecord done = run.finished(outcome, System.currentTimeMillis());
            history.save(done);
            recorded = done;
            for (Path kept : List.of(checkpoint, head)) {
                Files.deleteIfExists(kept); // Loupe's own files, of use only to a run that did not finish
                AtomicFiles.removeLeftovers(kept); // and the half-written ones a kill during their write left
            }
            history.select(done.id());
            if (automatic) {
                history.pruneAutomatic();
            }
            monitor.stage("Saved run " + done.id());
            return done;
        } catch (CancelledException e) {
            recorded = recorder.current().ended(RunState.CANCELLED, null, recorder.epochs(run),
                    System.currentTimeMillis());
            history.save(recorded);
            throw e;
        } catch (Exception | Error e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            recorded = recorder.current().ended(RunState.FAILED, why, recorder.epochs(run),
                    System.currentTimeMillis());
            history.save(recorded);
            throw e;
        }
    }

    /** The run as this job last recorded it (running, then how it ended), or null before it was recorded. */
    public RunRecord recorded() {
        return recorded;
    }

    /**
     * The workflow's whole report of the finished run (the features, problems and head trials a record does not
     * keep), for {@code loupe train}'s summary; null unless the run finished.
     */
    public TrainOutcome outcome() {
        return outcome;
    }

    /**
     * Passes every report on, keeping the epochs so a cancelled or failed run still records its curves; a
     * fine-tuning run's record gets them after each epoch too (a few long epochs), so one the process dies in keeps
     * them, and the head choice once made, so a resume does not search again. A head's epochs are not written as
     * they come: hundreds a second, each a file forced to disk. A resumed run's earlier epochs are reported at once,
     * from its record, so the charts show them while the run loads its data; fine-tuning's replay of them from the
     * checkpoint then only refreshes them here.
     */
    private static final class Recorder extends ForwardingMonitor {
        private final RunHistory history;
        private final List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();
        /** How many epochs were reported from the record before the run got going (a resume's). */
        private final int shown;
        private volatile RunRecord run;

        Recorder(JobMonitor out, RunRecord run, RunHistory history, boolean resumed) {
            super(out);
            this.run = run;
            this.history = history;
            if (resumed) {
                epochs.addAll(run.history());
                run.history().forEach(out::partial);
            }
            this.shown = epochs.size();
        }

        /** The record as it stands now (with the head choice once made). */
        RunRecord current() {
            return run;
        }

        /** The epochs to record: this attempt's, or the run's earlier ones when it got through none (a resume). */
        List<EpochMetrics> epochs(RunRecord started) {
            return epochs.isEmpty() ? started.history() : epochs;
        }

        @Override
        public void partial(Partial record) {
            if (record instanceof HeadChoice choice && run.config().fineTuneBlocks() > 0) {
                run = run.withHeadChoice(choice);
                save(run, "its head choice");
                return; // the run's record says it; the watchers get the choice with the finished run
            }
            if (record instanceof EpochMetrics m) {
                if (m.epoch() >= 1 && m.epoch() <= shown) {
                    epochs.set(m.epoch() - 1, m); // the checkpoint's copy of an epoch already shown
                    return;
                }
                epochs.add(m);
                if (run.config().fineTuneBlocks() > 0) {
                    save(run.withHistory(epochs), "epoch " + m.epoch());
                }
            }
            super.partial(record);
        }

        private void save(RunRecord changed, String what) {
            try {
                history.save(changed);
            } catch (java.io.IOException e) {
                LOG.warn("Could not record {} of run {}: {}", what, changed.id(), e.getMessage());
            }
        }
    }
}
