package dev.loupe.ui.classify;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.embedding.EmbeddingService;
import dev.loupe.engine.embedding.TsneConfig;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.inference.Classifier;
import dev.loupe.engine.inference.Prediction;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.model.ModelManifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real engine: keeps the last model's classifier open, since loading a backbone takes seconds and a user drops
 * photo after photo on the same model. Synchronised: the DL4J network inside is single-threaded.
 */
final class EngineBackend implements ClassifyBackend, AutoCloseable {

    private final BackboneRegistry registry;
    private final ExtractorFactory extractors;
    private Path openModel;
    private Classifier classifier;

    EngineBackend(BackboneRegistry registry, ExtractorFactory extractors) {
        this.registry = registry;
        this.extractors = extractors;
    }

    @Override
    public ModelFacts facts(Path model) throws Exception {
        ModelManifest manifest = ModelFiles.readManifest(model);
        return new ModelFacts(manifest.labels(),
                manifest.provenance() == null ? null : manifest.provenance().datasetPath());
    }

    @Override
    public synchronized List<Classified> classify(Path model, List<Path> files, int topK, boolean mirror,
                                                  JobMonitor monitor) throws Exception {
        float[][] features = new float[files.size()][];
        List<Prediction> predictions = classifier(model, monitor).withMirror(mirror).classify(files, topK, monitor,
                (i, v) -> features[i] = v);
        List<Classified> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            out.add(new Classified(predictions.get(i), features[i]));
        }
        return out;
    }

    @Override
    public DatasetMap map(Path dataset, Path model, JobMonitor monitor) throws Exception {
        String backbone = model == null ? BackboneRegistry.DEFAULT_ID
                : classifier(model, monitor).model().manifest().backbone().id();
        // The inbox's photos are on the map too, as unlabelled points among the labelled ones, to lasso and label.
        DatasetSnapshot snapshot = new DatasetScanner().scan(dataset).withInbox();
        try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
            return new EmbeddingService(new FeatureService(extractors))
                    .map(snapshot, catalogue, registry.require(backbone), TsneConfig.defaults(), monitor);
        }
    }

    @Override
    public DatasetMap updateMap(DatasetMap map, Path dataset, JobMonitor monitor) throws Exception {
        DatasetSnapshot snapshot = new DatasetScanner().scan(dataset).withInbox();
        try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
            return new EmbeddingService(new FeatureService(extractors))
                    .update(map, snapshot, catalogue, registry.require(map.backboneId()), monitor);
        }
    }

    private synchronized Classifier classifier(Path model, JobMonitor monitor) throws Exception {
        if (classifier == null || !model.equals(openModel)) {
            close();
            monitor.stage("Loading " + model.getFileName());
            classifier = Classifier.open(model, registry, extractors, true);
            openModel = model;
        }
        return classifier;
    }

    @Override
    public synchronized void close() {
        if (classifier != null) {
            classifier.close();
            classifier = null;
        }
    }
}
