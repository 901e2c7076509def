package dev.loupe.cli;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.HeadSetting;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a job's progress in a terminal: a progress bar per stage on an interactive console, plain stage lines
 * otherwise (logs and pipes), and a line per training epoch. Everything goes to stderr, so stdout stays clean for
 * {@code --json} and CSV output.
 */
final class CliMonitor implements JobMonitor {

    private final PrintStream err;
    private final boolean interactive;
    private final boolean quiet;
    private volatile boolean cancelled;
    private ProgressBar bar;
    private String stage = "";

    CliMonitor(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.interactive = System.console() != null && !quiet;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public synchronized void stage(String name) {
        closeBar();
        stage = name;
        if (!quiet && !interactive) {
            err.println(TerminalText.safe(name));
        }
    }

    @Override
    public synchronized void progress(long done, long total) {
        if (!interactive || total <= 1) {
            return;
        }
        if (bar == null) {
            String task = TerminalText.safe(stage);
            bar = new ProgressBarBuilder().setTaskName(task.length() > 40 ? task.substring(0, 40) : task)
                    .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(err)).build();
        }
        bar.maxHint(total);
        bar.stepTo(done);
    }

    @Override
    public synchronized void status(String message) {
        if (bar != null) {
            bar.setExtraMessage(" " + TerminalText.safe(message));
        }
    }

    @Override
    public synchronized void warning(String message) {
        if (!quiet) {
            closeBar();
            err.println("warning: " + TerminalText.safe(message));
        }
    }

    @Override
    public synchronized void partial(Partial record) {
        if (record instanceof EpochMetrics m && !quiet) {
            // Softmax regression's steps are L-BFGS iterations over every row, not epochs of an early-stopped run.
            String line = String.format(Locale.ROOT,
                    (stage.equals(HeadSetting.LBFGS_STAGE) ? "iteration" : "epoch") + " %3d  loss %.4f  accuracy %.3f  validation loss %.4f  validation accuracy %.3f",
                    m.epoch(), m.trainLoss(), m.trainAccuracy(), m.validationLoss(), m.validationAccuracy());
            if (bar != null) {
                bar.pause();
            }
            err.println(line);
            if (bar != null) {
                bar.resume();
            }
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    synchronized void finish() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
