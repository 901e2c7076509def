package dev.loupe.ui.common;

import dev.loupe.engine.jobs.JobExecutor;
import javafx.application.Platform;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What a {@link DatasetSession} runs its work on: the studio's compute queue (training, maps, audits: one at a time,
 * shown in the status bar, shared by every session), its edit queue (dataset edits, also in the status bar), the FX
 * thread, and how to make a pane's own queue.
 *
 * @param compute the studio's queue; a session cancels its own jobs on it when it closes, but does not close it
 * @param fx      where results come back: Platform::runLater in the studio, Runnable::run in view-model tests
 * @param queues  makes a queue for one pane (background threads in the studio, inline in tests)
 * @param edits   the studio's queue of dataset edits: one at a time, never behind training, in the status bar
 * @param heatMaps makes what computes the session's heat maps (the engine's; a fake in tests)
 */
public record SessionServices(JobExecutor compute, Executor fx, Supplier<JobExecutor> queues, JobExecutor edits,
                              Supplier<HeatMapBackend> heatMaps) {

    /** With the engine's heat maps. */
    public SessionServices(JobExecutor compute, Executor fx, Supplier<JobExecutor> queues, JobExecutor edits) {
        this(compute, fx, queues, edits, EngineHeatMaps::studio);
    }

    /** Edits on a queue made like a pane's (inline in view-model tests). */
    public SessionServices(JobExecutor compute, Executor fx, Supplier<JobExecutor> queues) {
        this(compute, fx, queues, queues.get());
    }

    /** The same with heat maps from {@code backend} (a fake in the panes' tests). */
    public SessionServices withHeatMaps(Supplier<HeatMapBackend> backend) {
        return new SessionServices(compute, fx, queues, edits, backend);
    }

    /** The studio's with an edit queue of its own (tests that do not follow edits in a status bar). */
    public static SessionServices studio(JobExecutor compute) {
        return studio(compute, JobExecutor.background());
    }

    /** The studio's: background queues, results on the FX thread. */
    public static SessionServices studio(JobExecutor compute, JobExecutor edits) {
        return new SessionServices(compute, Platform::runLater, JobExecutor::background, edits);
    }

    /** Everything on the caller's thread, for view-model tests: no toolkit, no threads. */
    public static SessionServices inline() {
        return new SessionServices(JobExecutor.inline(), Runnable::run, JobExecutor::inline);
    }
}
