package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records partials and stages; cancels itself once {@code cancelAfterPartials} partials arrived (0: never). */
final class RecordingMonitor implements JobMonitor {

    final List<Object> partials = new CopyOnWriteArrayList<>();
    final List<String> stages = new CopyOnWriteArrayList<>();
    private final int cancelAfterPartials;

    RecordingMonitor(int cancelAfterPartials) {
        this.cancelAfterPartials = cancelAfterPartials;
    }

    @Override public void stage(String name) { stages.add(name); }
    @Override public void progress(long done, long total) { }
    @Override public void status(String message) { }
    @Override public void warning(String message) { }
    @Override public void partial(Partial record) { partials.add(record); }

    @Override
    public boolean isCancelled() {
        return cancelAfterPartials > 0 && partials.size() >= cancelAfterPartials;
    }
}
