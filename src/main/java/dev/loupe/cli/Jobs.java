package dev.loupe.cli;

import dev.loupe.engine.jobs.Job;

import java.io.PrintStream;

/** Runs a job in the foreground with a terminal monitor; Ctrl+C cancels it cooperatively. */
final class Jobs {

    private Jobs() {
    }

    static <T> T run(CommonOptions options, PrintStream err, Job<T> job) throws Exception {
        CliMonitor monitor = new CliMonitor(err, options.quiet || options.json);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            monitor.cancel();
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "loupe-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return job.run(monitor);
        } finally {
            monitor.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting (Ctrl+C): the hook is running
            }
        }
    }
}
