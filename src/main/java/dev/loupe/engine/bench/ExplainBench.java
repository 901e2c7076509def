package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.explain.Explainer;
import dev.loupe.engine.explain.Explanation;
import dev.loupe.engine.explain.HeatMap;
import dev.loupe.engine.explain.HeatMapPainter;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Warm latency of a heat map for one photo, as the studio shows one: decode and prepare the photo, run the backbone
 * once for its features and feature maps, classify, weigh the maps by the default head's gradient for the top class,
 * and colour the map at {@value #SIDE}x{@value #SIDE} for the overlay. The head (the default one, with its hidden
 * layer) is trained on random features first: its weights do not change the arithmetic.
 */
final class ExplainBench {

    static final int SIDE = 512;
    private static final int CLASSES = 5;

    private ExplainBench() {
    }

    static BenchReport.HeatMapLatency run(BackboneDescriptor d, ExtractorFactory factory, Path photo, int warmUp,
                                          int runs) throws Exception {
        double loadBefore = load();
        double[] millis = new double[runs];
        try (Explainer explainer = new Explainer(model(d), factory.open(d))) {
            for (int i = 0; i < warmUp; i++) {
                once(explainer, photo);
            }
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                once(explainer, photo);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return new BenchReport.HeatMapLatency(d.id(), SIDE, Timing.percentile(millis, 50),
                Timing.percentile(millis, 95), runs, loadBefore, load());
    }

    private static int once(Explainer explainer, Path photo) throws Exception {
        Explanation e = explainer.explain(photo);
        HeatMap map = e.heatMap(e.topClass());
        return HeatMapPainter.overlay(map, SIDE, SIDE, 0.6).length;
    }

    /** The one-minute load average, or NaN where the OS does not say. */
    static double load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    private static ModelBundle model(BackboneDescriptor d) {
        Random r = new Random(3);
        float[][] x = new float[200][d.featureDim()];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d.featureDim(); j++) {
                x[i][j] = r.nextFloat() * 6;
            }
            y[i] = i % CLASSES;
        }
        TrainingConfig c = TrainingConfig.defaults();
        TrainingConfig config = new TrainingConfig(d.id(), 3, c.learningRate(), c.hiddenUnits(), c.dropout(), c.l2(),
                0, c.seed(), 4, c.batchSize(), false, 0);
        TrainedHead head = new HeadTrainer().train(new LabelledFeatures(x, y),
                new LabelledFeatures(new float[0][], new int[0]), CLASSES, config, JobMonitor.silent());
        List<String> labels = List.of("a", "b", "c", "d", "e");
        ModelManifest manifest = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, labels,
                new BackboneRef(d.id(), d.displayName(), d.cutLayer(), d.featureDim()), d.input(), 1.0, null);
        return new ModelBundle(manifest, head.scaler(), head.network());
    }
}
