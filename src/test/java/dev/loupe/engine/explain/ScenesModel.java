package dev.loupe.engine.explain;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.PatchScenes;
import dev.loupe.testing.PatchScenes.Texture;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A head trained in memory on {@link PatchScenes}, one class per texture, as Loupe's trainer trains one. */
record ScenesModel(ModelBundle model) {

    /**
     * @param hidden      hidden units (0: softmax regression)
     * @param perClass    training pictures per class (a quarter as many more for validation)
     * @param temperature 0 to keep the fitted calibration, else this temperature
     */
    static ScenesModel train(FeatureExtractor extractor, BackboneDescriptor d, int hidden, int perClass,
                             double temperature) {
        LabelledFeatures train = features(extractor, perClass, 0);
        LabelledFeatures validation = features(extractor, Math.max(2, perClass / 4), 500_000);
        TrainingConfig base = TrainingConfig.defaults();
        TrainingConfig config = new TrainingConfig(d.id(), 150, base.learningRate(), hidden, base.dropout(),
                base.l2(), 0, base.seed(), base.patience(), base.batchSize(), false, 0);
        TrainedHead head = new HeadTrainer().train(train, validation, Texture.values().length, config,
                JobMonitor.silent());
        List<String> labels = Arrays.stream(Texture.values()).map(t -> t.name().toLowerCase()).toList();
        ModelManifest manifest = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, labels,
                new BackboneRef(d.id(), d.displayName(), d.cutLayer(), d.featureDim()), d.input(),
                temperature > 0 ? temperature : head.temperature(), null);
        return new ScenesModel(new ModelBundle(manifest, head.scaler(), head.network()));
    }

    private static LabelledFeatures features(FeatureExtractor extractor, int perClass, long seedBase) {
        List<BufferedImage> images = new ArrayList<>();
        int[] y = new int[perClass * Texture.values().length];
        for (int i = 0; i < perClass; i++) {
            for (Texture t : Texture.values()) {
                y[images.size()] = t.ordinal();
                images.add(PatchScenes.scene(t, HeatMapFaithfulnessTest.SIZE, HeatMapFaithfulnessTest.PATCH,
                        seedBase + i * 10L + t.ordinal()).image());
            }
        }
        int per = extractor.inputSpec().valuesPerImage();
        float[][] x = new float[images.size()][];
        float[] pixels = new float[per];
        for (int i = 0; i < images.size(); i++) {
            ImagePreparer.prepare(images.get(i), extractor.inputSpec(), pixels, 0);
            x[i] = extractor.extract(pixels, 1)[0];
        }
        return new LabelledFeatures(x, y);
    }
}
