package dev.loupe.testing;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.training.EpochMetrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records a job's stages, epochs and every partial result in order; asks to cancel once {@code cancelAfter} epochs
 * have been reported.
 */
public final class EpochRecorder implements JobMonitor {

    public final List<String> stages = new CopyOnWriteArrayList<>();
    public final List<EpochMetrics> epochs = new CopyOnWriteArrayList<>();
    public final List<Partial> partials = new CopyOnWriteArrayList<>();
    /** Stages ("stage NAME") and epochs ("epoch N") in the order they came. */
    public final List<String> events = new CopyOnWriteArrayList<>();
    private final int cancelAfter;

    public EpochRecorder(int cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    /** Never cancels. */
    public static EpochRecorder all() {
        return new EpochRecorder(Integer.MAX_VALUE);
    }

    @Override public void stage(String name) { stages.add(name); events.add("stage " + name); }
    @Override public void progress(long done, long total) { }
    @Override public void status(String message) { }
    @Override public void warning(String message) { }
    @Override public boolean isCancelled() { return epochs.size() >= cancelAfter; }

    @Override
    public void partial(Partial record) {
        partials.add(record);
        if (record instanceof EpochMetrics m) {
            epochs.add(m);
            events.add("epoch " + m.epoch());
        }
    }
}
