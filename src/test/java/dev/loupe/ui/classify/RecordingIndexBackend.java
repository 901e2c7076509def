package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.embedding.NeighbourIndex;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A backend whose maps note the name of each thread that searches their neighbour index. */
final class RecordingIndexBackend implements ClassifyBackend {

    private final ClassifyBackend inner;
    private final Set<String> threads;

    RecordingIndexBackend(ClassifyBackend inner, Set<String> threads) {
        this.inner = inner;
        this.threads = threads;
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
        DatasetMap m = inner.map(dataset, model, monitor);
        NeighbourIndex index = m.index();
        NeighbourIndex noted = new NeighbourIndex() {
            @Override public int size() { return index.size(); }

            @Override
            public List<Neighbour> nearest(float[] query, int k, int exclude) {
                threads.add(Thread.currentThread().getName());
                return index.nearest(query, k, exclude);
            }
        };
        return new DatasetMap(m.backboneId(), m.samples(), m.layout(), noted, m.familiarity());
    }
}
