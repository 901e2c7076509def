package dev.loupe.engine.runs;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainOutcome;
import dev.loupe.engine.workflow.TrainWorkflow;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A training run with a history: records the run as running, trains into the run's folder, then records how it
 * ended (finished, failed or cancelled, with the epochs it got through). A finished run becomes the selected one,
 * since a user who retrains wants the new model used; they can pick an older run afterwards.
 */
public final class TrainJob implements Job<RunRecord> {

    private final TrainWorkflow workflow;
    private final RunHistory history;
    private final Path dataset;
    private final TrainingConfig config;
    private final boolean automatic;

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
        this.workflow = workflow;
        this.history = history;
        this.dataset = dataset;
        this.config = config;
        this.automatic = automatic;
    }

    @Override
    public RunRecord run(JobMonitor monitor) throws Exception {
        workflow.requireAvailable(config); // a backbone not downloaded is no run: nothing red in the history
        RunRecord run = history.start(config, automatic);
        Recorder recorder = new Recorder(monitor);
        try {
            TrainOutcome outcome = workflow.run(dataset, config, history.modelPath(run.id()), recorder);
            RunRecord done = run.finished(outcome, System.currentTimeMillis());
            history.save(done);
            history.select(done.id());
            if (automatic) {
                history.pruneAutomatic();
            }
            monitor.stage("Saved run " + done.id());
            return done;
        } catch (CancelledException e) {
            history.save(run.ended(RunState.CANCELLED, null, recorder.epochs, System.currentTimeMillis()));
            throw e;
        } catch (Exception | Error e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            history.save(run.ended(RunState.FAILED, why, recorder.epochs, System.currentTimeMillis()));
            throw e;
        }
    }

    /** Passes every report on, keeping the epochs so a cancelled or failed run still records its curves. */
    private static final class Recorder extends ForwardingMonitor {
        private final List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();

        Recorder(JobMonitor out) {
            super(out);
        }

        @Override
        public void partial(Partial record) {
            if (record instanceof EpochMetrics m) {
                epochs.add(m);
            }
            super.partial(record);
        }
    }
}
