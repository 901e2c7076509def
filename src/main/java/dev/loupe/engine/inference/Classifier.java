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
    private final StockOpener stockOpener;
    private FeatureExtractor stock;
    private volatile boolean mirrored;

    public Classifier(ModelBundle model, FeatureExtractor extractor) {
        this(model, extractor, null);
    }

    private Classifier(ModelBundle model, FeatureExtractor extractor, StockOpener stockOpener) {
        this.model = model;
        this.extractor = extractor;
        this.stockOpener = stockOpener;
    }

    /** Opens the stock backbone, for a fine-tuned model's map and similar-image features. */
    @FunctionalInterface
    private interface StockOpener {
        FeatureExtractor open() throws BackboneException;
    }

    public static Classifier open(Path modelFile, BackboneRegistry registry, ExtractorFactory extractors)
            throws IOException, BackboneException {
        ModelBundle model = ModelFiles.load(modelFile);
        BackboneDescriptor d = model.backbone(registry, modelFile);
        try {
            return new Classifier(model, extractors.open(d, model.patch()),
                    model.patch() == null ? null : () -> extractors.open(d));
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
     * such a model the stock backbone runs too, after the labels (docs/benchmarks.md measures what that costs).
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
        boolean stockFeatures = featureSink != null && stockOpener != null;
        List<Prediction> predictions = labels(files, topK, monitor,
                stockFeatures || featureSink == null ? (index, vector) -> { } : featureSink);
        if (stockFeatures) {
            monitor.stage("Placing " + Plurals.of(files.size(), "image") + " among the dataset's");
            ExtractionPipeline.run(files, stock(), monitor, new ExtractionPipeline.Sink() {
                @Override
                public void features(int index, float[] vector) {
                    featureSink.accept(index, vector);
                }

                @Override
                public void failed(int index, String reason) {
                    // Already reported by the prediction of this image.
                }
            });
        }
        return predictions;
    }

    private synchronized FeatureExtractor stock() throws BackboneException {
        if (stock == null) {
            stock = stockOpener.open();
        }
        return stock;
    }

    private List<Prediction> labels(List<Path> files, int topK, JobMonitor monitor, FeatureSink featureSink)
            throws Exception {
        Prediction[] out = new Prediction[files.size()];
        monitor.stage("Classifying " + Plurals.of(files.size(), "image"));
        boolean pairs = mirrored;
        ExtractionPipeline.run(files, pairs ? new MirroredPairs(extractor) : extractor, monitor,
                new ExtractionPipeline.Sink() {
            @Override
            public void features(int index, float[] vector) {
                float[] photo = pairs ? Arrays.copyOf(vector, vector.length / 2) : vector;
                float[] p = pairs ? mean(model.probabilities(new float[][]{photo,
                        Arrays.copyOfRange(vector, photo.length, vector.length)}))
                        : model.probabilities(new float[][]{photo})[0];
                out[index] = new Prediction(files.get(index), LabelScore.top(model.labels(), p, topK), null);
                featureSink.accept(index, photo);
            }

            @Override
            public void failed(int index, String reason) {
                out[index] = Prediction.failed(files.get(index), reason);
            }
        });
        return new ArrayList<>(Arrays.asList(out));
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
        if (stock != null) {
            stock.close();
        }
    }
}
