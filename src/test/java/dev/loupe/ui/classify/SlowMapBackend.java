package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;
import java.util.List;

/** Slows each reported partial by a few milliseconds so a poller can see the layout form. */
record SlowMapBackend(ClassifyBackend inner) implements ClassifyBackend {

    @Override
    public List<Classified> classify(Path model, List<Path> files, int topK, JobMonitor monitor) throws Exception {
        return inner.classify(model, files, topK, monitor);
    }

    @Override
    public DatasetMap map(Path dataset, Path model, JobMonitor monitor) throws Exception {
        return inner.map(dataset, model, new JobMonitor() {
            @Override public void stage(String name) { monitor.stage(name); }
            @Override public void progress(long done, long total) { monitor.progress(done, total); }
            @Override public void status(String message) { monitor.status(message); }
            @Override public void warning(String message) { monitor.warning(message); }
            @Override public boolean isCancelled() { return monitor.isCancelled(); }

            @Override
            public void partial(Object record) {
                monitor.partial(record);
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }
}
