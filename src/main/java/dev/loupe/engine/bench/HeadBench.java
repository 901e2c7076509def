package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.inference.Classifier;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Head training on random features, and the trained head reused to time classifying one photo. */
record HeadBench(TrainedHead head, double seconds, String setup) {

    static final int EXAMPLES = 10_000;
    static final int EPOCHS = 50;
    static final int CLASSES = 5;

    /**
     * The default head ({@link TrainingConfig#defaults()}: one hidden ReLU layer, dropout before the output layer, L2,
     * Adam, class weights) for 50 full epochs on random features: patience set past the end, no validation split, so
     * every epoch also computes the training metrics on all rows, as training does.
     */
    static HeadBench run(int dim) {
        return run(dim, EXAMPLES);
    }

    /** As {@link #run(int)} on {@code examples} rows (issue 21: 60,000, Fashion-MNIST's training set). */
    static HeadBench run(int dim, int examples) {
        Random r = new Random(1);
        float[][] x = new float[examples][dim];
        int[] y = new int[examples];
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < dim; j++) {
                x[i][j] = r.nextFloat() * 6;
            }
            y[i] = r.nextInt(CLASSES);
        }
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig config = new TrainingConfig(d.backbone(), EPOCHS, d.learningRate(), d.hiddenUnits(),
                d.dropout(), d.l2(), 0, d.seed(), EPOCHS + 1, d.batchSize(), d.classWeights(), 0);
        long start = System.nanoTime();
        TrainedHead head = new HeadTrainer().train(new LabelledFeatures(x, y), new LabelledFeatures(new float[0][], new int[0]),
                CLASSES, config, JobMonitor.silent());
        double seconds = Timing.seconds(start);
        String setup = examples + " x " + dim + " random features, " + CLASSES + " classes, "
                + head.history().size() + " epochs, default head (" + describe(config, dim) + ")";
        return new HeadBench(head, seconds, setup);
    }

    /** E.g. "1280-256-5 ReLU, dropout 0.5, L2 0.01, Adam 0.003, batch 32, class weights". */
    static String describe(TrainingConfig c, int dim) {
        String layers = c.hiddenUnits() > 0 ? dim + "-" + c.hiddenUnits() + "-" + CLASSES + " ReLU"
                : dim + "-" + CLASSES + " softmax";
        return layers + ", dropout " + c.dropout() + ", L2 " + c.l2() + ", Adam " + c.learningRate() + ", batch "
                + c.batchSize() + (c.classWeights() ? ", class weights" : "");
    }

    /** Warm latency of {@code Classifier.classify(photo)}: decode, prepare, backbone, head. */
    BenchReport.Latency latency(BackboneDescriptor d, String runtime, ExtractorFactory factory, Path photo,
                                int warmUp, int runs) throws Exception {
        List<String> labels = List.of("a", "b", "c", "d", "e");
        ModelManifest manifest = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, labels,
                new BackboneRef(d.id(), d.displayName(), d.cutLayer(), d.featureDim()), d.input(), 1.0, null);
        double[] millis = new double[runs];
        try (Classifier c = new Classifier(new ModelBundle(manifest, head.scaler(), head.network()),
                factory.open(d))) {
            for (int i = 0; i < warmUp; i++) {
                c.classify(photo, 1);
            }
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                c.classify(photo, 1);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return new BenchReport.Latency(d.id(), runtime, Timing.percentile(millis, 50), Timing.percentile(millis, 95),
                runs);
    }
}
