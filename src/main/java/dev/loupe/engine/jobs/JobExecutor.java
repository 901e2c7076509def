package dev.loupe.engine.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs jobs one after another on a background thread (a queue: two feature extractions at once would only fight
 * over the same cores), or inline on the caller's thread for tests and the CLI. It keeps the jobs queued or running
 * and only the {@value #KEEP_FINISHED} that finished last, long enough for a poller to report how they ended: a
 * handle holds its job's result (a map, a classification), so keeping every one would grow for the whole session.
 */
public final class JobExecutor implements AutoCloseable {

    static final int KEEP_FINISHED = 8;

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
        Runnable run = () -> {
            try {
                handle.runNow(job);
            } finally {
                forgetOldFinished();
            }
        };
        if (executor == null) {
            run.run();
        } else {
            executor.execute(run);
        }
        return handle;
    }

    /** The jobs queued or running and the few that finished last, oldest first. */
    public List<JobHandle<?>> jobs() {
        return List.copyOf(jobs);
    }

    private synchronized void forgetOldFinished() {
        List<JobHandle<?>> finished = jobs.stream().filter(j -> j.state().isFinal()).toList();
        for (int i = 0; i < finished.size() - KEEP_FINISHED; i++) {
            jobs.remove(finished.get(i));
        }
    }

    @Override
    public void close() {
        jobs.forEach(JobHandle::cancel);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
