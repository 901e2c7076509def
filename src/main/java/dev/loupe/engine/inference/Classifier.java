package dev.loupe.engine.inference;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractionPipeline;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A loaded model with its backbone, ready to classify images. Close it to free the network. */
public final class Classifier implements AutoCloseable {

    private final ModelBundle model;
    private final FeatureExtractor extractor;

    public Classifier(ModelBundle model, FeatureExtractor extractor) {
        this.model = model;
        this.extractor = extractor;
    }

    public static Classifier open(Path modelFile, BackboneRegistry registry, ExtractorFactory extractors)
            throws IOException, BackboneException {
        ModelBundle model = ModelFiles.load(modelFile);
        return new Classifier(model, extractors.open(model.backbone(registry, modelFile)));
    }

    public ModelBundle model() {
        return model;
    }

    /** Classifies files in order; unreadable ones get a prediction with the reason. */
    public List<Prediction> classify(List<Path> files, int topK, JobMonitor monitor) throws Exception {
        return classify(files, topK, monitor, (index, vector) -> { });
    }

    /** Receives each readable image's backbone features, e.g. to place it on a map or find similar images. */
    @FunctionalInterface
    public interface FeatureSink {
        void accept(int index, float[] features);
    }

    /** As {@link #classify(List, int, JobMonitor)}, also handing each image's features to {@code featureSink}. */
    public List<Prediction> classify(List<Path> files, int topK, JobMonitor monitor, FeatureSink featureSink)
            throws Exception {
        Prediction[] out = new Prediction[files.size()];
        monitor.stage("Classifying " + Plurals.of(files.size(), "image"));
        ExtractionPipeline.run(files, extractor, monitor, new ExtractionPipeline.Sink() {
            @Override
            public void features(int index, float[] vector) {
                float[] p = model.probabilities(new float[][]{vector})[0];
                out[index] = new Prediction(files.get(index), LabelScore.top(model.labels(), p, topK), null);
                featureSink.accept(index, vector);
            }

            @Override
            public void failed(int index, String reason) {
                out[index] = Prediction.failed(files.get(index), reason);
            }
        });
        return new ArrayList<>(Arrays.asList(out));
    }

    public Prediction classify(Path file, int topK) throws Exception {
        return classify(List.of(file), topK, JobMonitor.silent()).get(0);
    }


    @Override
    public void close() {
        extractor.close();
    }
}
