package dev.loupe.engine.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs jobs one after another on a background thread (a queue: two feature extractions at once would only fight
 * over the same cores), or inline on the caller's thread for tests and the CLI.
 */
public final class JobExecutor implements AutoCloseable {

    private final ExecutorService executor;
    private final List<JobHandle<?>> jobs = new CopyOnWriteArrayList<>();

    private JobExecutor(ExecutorService executor) {
        this.executor = executor;
    }

    /** A queue served by one daemon thread. */
    public static JobExecutor background() {
        return new JobExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "loupe-jobs");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Runs each job to its end inside {@link #submit}: deterministic, for tests and the CLI. */
    public static JobExecutor inline() {
        return new JobExecutor(null);
    }

    public <T> JobHandle<T> submit(String name, Job<T> job) {
        JobHandle<T> handle = new JobHandle<>(name);
        jobs.add(handle);
        if (executor == null) {
            handle.runNow(job);
        } else {
            executor.execute(() -> handle.runNow(job));
        }
        return handle;
    }

    /** Every job submitted that has not been forgotten, oldest first. */
    public List<JobHandle<?>> jobs() {
        return List.copyOf(jobs);
    }

    /** Drops finished jobs from {@link #jobs()}. */
    public void forgetFinished() {
        jobs.removeIf(j -> j.state().isFinal());
    }

    @Override
    public void close() {
        jobs.forEach(JobHandle::cancel);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
