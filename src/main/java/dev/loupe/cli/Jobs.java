package dev.loupe.cli;

import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.Job;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a job in the foreground with a terminal monitor; Ctrl+C cancels it cooperatively. */
final class Jobs {

    /** Released once the command has printed its last word, so that Ctrl+C ends the process then, not 10 s later. */
    private static final CountDownLatch COMMAND_DONE = new CountDownLatch(1);

    private Jobs() {
    }

    /** The command has ended and said so (its result or why it stopped). */
    static void commandDone() {
        COMMAND_DONE.countDown();
    }

    static <T> T run(CommonOptions options, PrintStream err, Job<T> job) throws Exception {
        CliMonitor monitor = new CliMonitor(err, options.quiet || options.json);
        Thread hook = new Thread(() -> {
            monitor.cancel();
            try {
                // The JVM ends when this hook returns: wait for the job to stop and the command to say so.
                COMMAND_DONE.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "loupe-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            T result = job.run(monitor);
            if (monitor.isCancelled()) {
                // Ctrl+C came after the job's last check: say it was cancelled, never "Imported" or "Saved" while
                // the shell gets 130. (Jobs check before they commit, so what they wrote is whole or not there.)
                throw new CancelledException();
            }
            return result;
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
