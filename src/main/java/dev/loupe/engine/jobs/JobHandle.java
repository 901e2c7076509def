package dev.loupe.engine.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A submitted job as its watchers see it: a monitor that records what the job reports, a snapshot to poll, a queue of
 * partial results to drain on a timer (charts poll; they are never flooded), cooperative cancel and a future result.
 */
public final class JobHandle<T> implements JobMonitor {

    private final String name;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<Partial> partials = new ConcurrentLinkedQueue<>();
    private final List<String> warnings = new ArrayList<>();
    private volatile JobState state = JobState.QUEUED;
    private volatile boolean cancelRequested;
    private volatile String stage = "";
    private volatile String status = "";
    private volatile long done;
    private volatile long total;
    private volatile String error;
    private volatile String outcome = "";

    JobHandle(String name) {
        this.name = name;
    }

    public String name() { return name; }

    public JobState state() { return state; }

    public CompletableFuture<T> result() { return result; }

    /** Asks the job to stop at its next check; a job that already ended is left as it is. */
    public void cancel() {
        cancelRequested = true;
        if (state == JobState.QUEUED) {
            finish(JobState.CANCELLED, null, null);
        }
    }

    public synchronized JobSnapshot snapshot() {
        return new JobSnapshot(name, state, stage, done, total, status, List.copyOf(warnings), error, outcome);
    }

    /** Removes and returns the partial results reported since the last call, oldest first. */
    public List<Partial> drainPartials() {
        List<Partial> out = new ArrayList<>();
        for (Partial p; (p = partials.poll()) != null; ) {
            out.add(p);
        }
        return out;
    }

    /** Like {@link #drainPartials()}, keeping those of {@code type} (the others are dropped). */
    public <P extends Partial> List<P> drainPartials(Class<P> type) {
        return drainPartials().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Runs the job on the calling thread; the executor calls this. */
    void runNow(Job<T> job) {
        synchronized (this) {
            if (state.isFinal()) {
                return;
            }
            state = JobState.RUNNING;
        }
        try {
            T value = job.run(this);
            if (cancelRequested) {
                finish(JobState.CANCELLED, null, null);
            } else {
                finish(JobState.SUCCEEDED, value, null);
            }
        } catch (CancelledException e) {
            finish(JobState.CANCELLED, null, null);
        } catch (Exception | Error e) {
            finish(JobState.FAILED, null, e);
        }
    }

    private synchronized void finish(JobState end, T value, Throwable failure) {
        if (state.isFinal()) {
            return;
        }
        state = end;
        switch (end) {
            case SUCCEEDED -> result.complete(value);
            case FAILED -> {
                error = Failures.describe(failure);
                result.completeExceptionally(failure);
            }
            default -> result.completeExceptionally(new CancelledException());
        }
    }

    @Override public synchronized void stage(String name) { stage = name; done = 0; total = 0; status = ""; }
    @Override public void progress(long done, long total) { this.done = done; this.total = total; }
    @Override public void status(String message) { status = message; }
    @Override public synchronized void warning(String message) { warnings.add(message); }
    @Override public void partial(Partial record) { partials.add(record); }
    @Override public boolean isCancelled() { return cancelRequested; }
    @Override public void outcome(String line) { outcome = line == null ? "" : line; }
}
