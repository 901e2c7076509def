package dev.loupe.engine.inference;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractionPipeline;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.MirroredPairs;
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
    /** Whether {@link #extractor} gives the stock features beside the fine-tuned ones ({@code openWithStock}). */
    private final boolean extractorWithStock;
    private final Opener withStockOpener;
    private FeatureExtractor withStock;
    private volatile boolean mirrored;

    public Classifier(ModelBundle model, FeatureExtractor extractor) {
        this(model, extractor, false, null);
    }

    private Classifier(ModelBundle model, FeatureExtractor extractor, boolean extractorWithStock,
                       Opener withStockOpener) {
        this.model = model;
        this.extractor = extractor;
        this.extractorWithStock = extractorWithStock;
        this.withStockOpener = withStockOpener;
    }

    /** Opens a fine-tuned model's backbone with the stock one beside it, for the map and similar images. */
    @FunctionalInterface
    private interface Opener {
        FeatureExtractor open() throws BackboneException;
    }

    public static Classifier open(Path modelFile, BackboneRegistry registry, ExtractorFactory extractors)
            throws IOException, BackboneException {
        return open(modelFile, registry, extractors, false);
    }

    /**
     * As above; {@code stockFeatures}: each classification will want the photos' stock features too (a
     * {@link FeatureSink}), so a fine-tuned model's backbone is opened with the stock one beside it at once
     * ({@link ExtractorFactory#openWithStock}), not the fine-tuned one alone.
     */
    public static Classifier open(Path modelFile, BackboneRegistry registry, ExtractorFactory extractors,
                                  boolean stockFeatures) throws IOException, BackboneException {
        ModelBundle model = ModelFiles.load(modelFile);
        BackboneDescriptor d = model.backbone(registry, modelFile);
        BackbonePatch patch = model.patch();
        try {
            if (patch == null) {
                return new Classifier(model, extractors.open(d));
            }
            Opener withStock = () -> extractors.openWithStock(d, patch);
            return stockFeatures ? new Classifier(model, withStock.open(), true, null)
                    : new Classifier(model, extractors.open(d, patch), false, withStock);
        } catch (BackbonePatch.Mismatch e) {
            throw model.notFitting(modelFile, e);
        }
    }

    public ModelBundle model() {
        return model;
    }

    /**
     * Test-time augmentation: when on, each photo is also classified mirrored left to right and the two
     * probabilities are averaged (twice the network time; docs/benchmarks.md measures what it gains).
     */
    public Classifier withMirror(boolean on) {
        this.mirrored = on;
        return this;
    }

    /** Classifies files in order; unreadable ones get a prediction with the reason. */
    public List<Prediction> classify(List<Path> files, int topK, JobMonitor monitor) throws Exception {
        return classify(files, topK, monitor, null);
    }

    /**
     * Receives each readable image's features from the stock backbone, as the dataset's catalogue holds them, e.g.
     * to place it on a map or find similar images. A fine-tuned model's own backbone gives other features, so for
     * such a model one ONNX graph gives both, its frozen bottom run once (docs/benchmarks.md measures what it costs).
     */
    @FunctionalInterface
    public interface FeatureSink {
        void accept(int index, float[] features);
    }

    /**
     * As {@link #classify(List, int, JobMonitor)}, also handing each image's stock features to {@code featureSink}
     * (null: none wanted).
     */
    public List<Prediction> classify(List<Path> files, int topK, JobMonitor monitor, FeatureSink featureSink)
            throws Exception {
        boolean both = extractorWithStock || featureSink != null && withStockOpener != null;
        FeatureExtractor network = both && !extractorWithStock ? withStock() : extractor;
        FeatureSink sink = featureSink == null ? (index, vector) -> { } : featureSink;
        Prediction[] out = new Prediction[files.size()];
        monitor.stage("Classifying " + Plurals.of(files.size(), "image"));
        boolean pairs = mirrored;
        ExtractionPipeline.run(files, pairs ? new MirroredPairs(network) : network, monitor,
                new ExtractionPipeline.Sink() {
            @Override
            public void features(int index, float[] vector) {
                // [labels' features | stock features] for the photo, then the same for its mirror image.
                int view = pairs ? vector.length / 2 : vector.length;
                int dim = both ? view / 2 : view;
                float[] photo = Arrays.copyOf(vector, dim);
                float[] p = pairs ? mean(model.probabilities(new float[][]{photo,
                        Arrays.copyOfRange(vector, view, view + dim)}))
                        : model.probabilities(new float[][]{photo})[0];
                out[index] = new Prediction(files.get(index), LabelScore.top(model.labels(), p, topK), null);
                sink.accept(index, both ? Arrays.copyOfRange(vector, dim, 2 * dim) : photo);
            }

            @Override
            public void failed(int index, String reason) {
                out[index] = Prediction.failed(files.get(index), reason);
            }
        });
        return new ArrayList<>(Arrays.asList(out));
    }

    private synchronized FeatureExtractor withStock() throws BackboneException {
        if (withStock == null) {
            withStock = withStockOpener.open();
        }
        return withStock;
    }

    /** The mean of probability rows, still summing to one. */
    static float[] mean(float[][] rows) {
        float[] out = new float[rows[0].length];
        for (float[] row : rows) {
            for (int i = 0; i < out.length; i++) {
                out[i] += row[i] / rows.length;
            }
        }
        return out;
    }

    public Prediction classify(Path file, int topK) throws Exception {
        return classify(List.of(file), topK, JobMonitor.silent()).get(0);
    }


    @Override
    public synchronized void close() {
        extractor.close();
        if (withStock != null) {
            withStock.close();
        }
    }
}
