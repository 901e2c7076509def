package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.inference.Prediction;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;
import java.util.List;

/**
 * What the pane needs from the engine, behind one interface so its tests can use a fast fake instead of DL4J.
 * Called on job threads only.
 */
public interface ClassifyBackend {

    /** One classified image: its prediction and, when readable, its backbone features. */
    record Classified(Prediction prediction, float[] features) {
    }

    /** What a model file says about itself: its classes, and the folder of the dataset it was trained on (or null). */
    record ModelFacts(List<String> labels, String trainedOn) {
    }

    /** Reads the model's facts without loading its networks. */
    ModelFacts facts(Path model) throws Exception;

    /** @param mirror also classify each image mirrored and average the two (test-time augmentation) */
    List<Classified> classify(Path model, List<Path> files, int topK, boolean mirror, JobMonitor monitor)
            throws Exception;

    /** A t-SNE map of the dataset's features, in the backbone of {@code model} (the default one if null). */
    DatasetMap map(Path dataset, Path model, JobMonitor monitor) throws Exception;

    /**
     * {@code map} brought up to date with the dataset's files without a new t-SNE: new images placed among their
     * neighbours, removed ones gone ({@code DatasetMap.approximate()} then says so).
     */
    DatasetMap updateMap(DatasetMap map, Path dataset, JobMonitor monitor) throws Exception;
}
