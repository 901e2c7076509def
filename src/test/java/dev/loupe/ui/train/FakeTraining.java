package dev.loupe.ui.train;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.FakeExtractor;

import java.util.List;

/** Train-pane services on the fake colour backbone: a run takes well under a second. */
final class FakeTraining {

    private FakeTraining() {
    }

    static TrainServices services() {
        return TrainServices.of(registry(), new FakeExtractor().factory());
    }

    /** Like {@link #services()}, but each epoch takes at least {@code millis}, so a test can cancel mid-run. */
    static TrainServices slow(long millis) {
        BackboneRegistry registry = registry();
        TrainWorkflow workflow = new TrainWorkflow(registry, new FakeExtractor().factory());
        return new TrainServices(registry, (dataset, runs, config) -> m -> new TrainJob(workflow, runs,
                dataset, config).run(new Slow(m, millis)));
    }

    private static BackboneRegistry registry() {
        return BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR));
    }

    private record Slow(JobMonitor out, long millis) implements JobMonitor {
        @Override public void stage(String name) { out.stage(name); }
        @Override public void progress(long done, long total) { out.progress(done, total); }
        @Override public void status(String message) { out.status(message); }
        @Override public void warning(String message) { out.warning(message); }
        @Override public boolean isCancelled() { return out.isCancelled(); }

        @Override
        public void partial(Partial record) {
            out.partial(record);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
