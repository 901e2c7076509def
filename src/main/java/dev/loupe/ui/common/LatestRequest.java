package dev.loupe.ui.common;

import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * "Latest request wins", written once (mzmine's {@code LatestTaskScheduler} idea): each request supersedes the one
 * before it, which is asked to cancel (a queued one never starts), and a result reaches the FX thread only if no newer
 * request was made since. So a burst of drops or folder changes never shows an older answer over a newer one. One
 * instance per kind of request: Curate's scans, Classify's classifications and placements.
 */
public final class LatestRequest {

    private final Executor fx;
    private final AtomicLong latest = new AtomicLong();
    private volatile JobHandle<?> inFlight;

    /** {@code fx}: where results are handed over (the session's FX executor). */
    public LatestRequest(Executor fx) {
        this.fx = fx;
    }

    /**
     * Submits {@code job} to {@code queue} as the newest request; {@code then} gets its result or failure on the FX
     * thread, unless a newer request was made meanwhile.
     */
    public <T> JobHandle<T> submit(JobExecutor queue, String name, Job<T> job, BiConsumer<T, Throwable> then) {
        long request = next();
        JobHandle<T> handle = queue.submit(name, job);
        inFlight = handle;
        handle.result().whenComplete((result, failure) -> fx.execute(() -> {
            if (isLatest(request)) {
                then.accept(result, failure);
            }
        }));
        return handle;
    }

    /**
     * Starts a request by hand, for work that is not a job of its own (a scan inside the job that opens a dataset):
     * the earlier request in flight is cancelled; publish only while {@link #isLatest} says so.
     */
    public long next() {
        // Newer first, then cancel: a queued job's cancel completes it at once, and its result must already be stale.
        long request = latest.incrementAndGet();
        JobHandle<?> previous = inFlight;
        if (previous != null) {
            previous.cancel();
        }
        return request;
    }

    /** Whether {@code request} (from {@link #next}) is still the newest. */
    public boolean isLatest(long request) {
        return request == latest.get();
    }

    /** Drops whatever is in flight without asking for anything new (its result will not be shown). */
    public void supersede() {
        next();
    }
}
