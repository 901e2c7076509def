package dev.loupe.engine.explain;

import dev.loupe.engine.features.FeatureMaps;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.FakeExtractor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The head's gradient, checked against the head itself as DL4J runs it ({@link ModelBundle#probabilities}, scaler
 * included): differences of log-probabilities are differences of logits, so they test the gradient and the map's
 * meaning without Loupe's own arithmetic on both sides.
 */
class HeadGradientTest {

    private static final int DIM = 6;
    private static final List<String> LABELS = List.of("a", "b", "c");

    /**
     * Softmax regression: the map is exactly CAM. Its mean over the positions is the class's logit less a constant,
     * so between two images and two classes the constants cancel and the log-probabilities must agree.
     */
    @Test
    void forSoftmaxRegressionTheMapsMeanIsTheLogit() {
        ModelBundle model = model(0);
        HeadGradient gradient = new HeadGradient(model);
        Random r = new Random(5);
        FeatureMaps a = maps(r);
        FeatureMaps b = maps(r);
        float[] pa = model.probabilities(new float[][]{a.features()})[0];
        float[] pb = model.probabilities(new float[][]{b.features()})[0];
        Explanation ea = new Explanation(LABELS, pa, a, gradient, FakeExtractor.SPEC);
        Explanation eb = new Explanation(LABELS, pb, b, gradient, FakeExtractor.SPEC);
        for (int c = 0; c < 3; c++) {
            int other = (c + 1) % 3;
            double maps = mean(ea.heatMap(c)) - mean(ea.heatMap(other)) - mean(eb.heatMap(c)) + mean(eb.heatMap(other));
            double logits = Math.log(pa[c]) - Math.log(pa[other]) - Math.log(pb[c]) + Math.log(pb[other]);
            assertThat(maps).isCloseTo(logits, within(1e-3 * Math.max(1, Math.abs(logits))));
        }
    }

    /** The hidden ReLU layer: the gradient matches the head's own change for a small step in every direction. */
    @Test
    void withTheHiddenLayerTheGradientMatchesTheHeadsChange() {
        ModelBundle model = model(16);
        HeadGradient gradient = new HeadGradient(model);
        Random r = new Random(9);
        for (int trial = 0; trial < 5; trial++) {
            float[] f = maps(r).features();
            float[] step = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                step[i] = (float) r.nextGaussian();
            }
            double eps = 1e-2;
            float[] g = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                g[i] = f[i] + (float) eps * step[i];
            }
            float[] p0 = model.probabilities(new float[][]{f})[0];
            float[] p1 = model.probabilities(new float[][]{g})[0];
            float[] g0 = gradient.of(f, 0);
            float[] g1 = gradient.of(f, 1);
            double predicted = 0;
            for (int i = 0; i < DIM; i++) {
                predicted += (g0[i] - g1[i]) * step[i];
            }
            double measured = (Math.log(p1[0]) - Math.log(p1[1]) - Math.log(p0[0]) + Math.log(p0[1])) / eps;
            assertThat(predicted).isCloseTo(measured, within(2e-2 * Math.max(1, Math.abs(measured))));
        }
    }

    private static double mean(HeatMap map) {
        double sum = 0;
        for (float v : map.cam()) {
            sum += v;
        }
        return sum / map.cam().length;
    }

    /** Random 4x4 maps, features their averages (as a global average pooling gives them). */
    private static FeatureMaps maps(Random r) {
        float[] maps = new float[DIM * 16];
        float[] features = new float[DIM];
        for (int c = 0; c < DIM; c++) {
            for (int p = 0; p < 16; p++) {
                maps[c * 16 + p] = (float) Math.max(0, r.nextGaussian() + 0.5);
                features[c] += maps[c * 16 + p] / 16;
            }
        }
        return new FeatureMaps(DIM, 4, 4, maps, features);
    }

    /** A head trained on random features, temperature 1 so that log-probabilities differ as logits do. */
    private static ModelBundle model(int hidden) {
        Random r = new Random(hidden);
        float[][] x = new float[60][DIM];
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            y[i] = i % 3;
            for (int j = 0; j < DIM; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == y[i] ? 1.5 : 0));
            }
        }
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig config = new TrainingConfig("fake", 30, d.learningRate(), hidden, d.dropout(), d.l2(), 0,
                d.seed(), 31, 16, false, 0);
        TrainedHead head = new HeadTrainer().train(new LabelledFeatures(x, y),
                new LabelledFeatures(new float[0][], new int[0]), 3, config, JobMonitor.silent());
        ModelManifest manifest = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, LABELS,
                new BackboneRef("fake", "Fake", "mean", DIM), FakeExtractor.SPEC, 1.0, null);
        return new ModelBundle(manifest, head.scaler(), head.network());
    }
}
