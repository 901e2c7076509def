package dev.loupe.ui.classify;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds the map job after each partial result until the test has polled once (or 2 s passed), so a poller is sure to
 * see the layout form however fast or slow the machine is.
 */
final class SlowMapBackend implements ClassifyBackend {

    private final ClassifyBackend inner;
    private final Semaphore polled = new Semaphore(0);

    SlowMapBackend(ClassifyBackend inner) {
        this.inner = inner;
    }

    /** The test calls this after each poll. */
    void polled() {
        polled.release();
    }

    @Override
    public ModelFacts facts(Path model) throws Exception {
        return inner.facts(model);
    }

    @Override
    public List<Classified> classify(Path model, List<Path> files, int topK, boolean mirror, JobMonitor monitor) throws Exception {
        return inner.classify(model, files, topK, mirror, monitor);
    }

    @Override
    public DatasetMap updateMap(DatasetMap map, Path dataset, JobMonitor monitor) throws Exception {
        return inner.updateMap(map, dataset, monitor);
    }

    @Override
    public DatasetMap map(Path dataset, Path model, JobMonitor monitor) throws Exception {
        return inner.map(dataset, model, new ForwardingMonitor(monitor) {
            @Override
            public void partial(Partial record) {
                super.partial(record);
                polled.drainPermits();
                try {
                    polled.tryAcquire(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }
}
