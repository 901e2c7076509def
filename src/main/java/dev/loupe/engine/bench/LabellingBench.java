package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.inbox.AutoRetrain;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.TrainingConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The active-learning benchmark behind {@code loupe bench labelling}: on a labelled dataset's real (cached) features,
 * a simulated labeller ({@link LabellingSimulation}) labels in each {@link LabellingStrategy}'s order over several
 * seeds, and for each strategy the labels needed to reach 95% of the accuracy that all labels give are reported. The
 * figures chose the inbox's default order (docs/labelling.md).
 *
 * @param testShare share of the photos held out as the fixed test set (the same rows for every seed and strategy)
 */
public record LabellingBench(double testShare, int seeds, int startPerClass, int batch, boolean growing,
                             double maxLabelShare, List<LabellingStrategy> strategies, boolean allLabels) {

    /** What a run reaches for: 95% of the all-labels accuracy. */
    public static final double TARGET = 0.95;

    public static LabellingBench defaults() {
        return new LabellingBench(0.2, 3, 5, AutoRetrain.DEFAULT_EVERY, false, 0.1,
                List.of(LabellingStrategy.values()), true);
    }

    /** Features of the dataset's labelled photos, from the cache (the missing ones extracted). */
    public static FeatureSet features(Path dataset, BackboneDescriptor backbone, ExtractorFactory extractors,
                                      JobMonitor monitor) throws Exception {
        DatasetSnapshot snapshot = new DatasetScanner().scan(dataset);
        try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
            return new FeatureService(extractors).features(snapshot, catalogue, backbone, monitor);
        }
    }

    public LabellingReport.DatasetResult run(String name, List<Sample> samples, Consumer<String> progress) {
        List<String> labels = samples.stream().map(s -> s.image().label()).distinct().sorted().toList();
        float[][] x = samples.stream().map(Sample::features).toArray(float[][]::new);
        int[] y = samples.stream().mapToInt(s -> labels.indexOf(s.image().label())).toArray();
        String[] hash = samples.stream().map(Sample::hash).toArray(String[]::new);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(i);
        }
        // The test set is fixed for the whole benchmark: every seed and strategy is scored on the same photos.
        java.util.Collections.shuffle(rows, new Random(20_261_202L));
        int testSize = (int) Math.round(x.length * testShare);
        List<Integer> test = List.copyOf(rows.subList(0, testSize));
        List<Integer> pool = List.copyOf(rows.subList(testSize, rows.size()));
        LabellingSimulation sim = new LabellingSimulation(x, y, hash, labels, test, pool, TrainingConfig.defaults());
        int maxLabels = (int) Math.round(pool.size() * maxLabelShare);
        LabellingSimulation.Schedule schedule = new LabellingSimulation.Schedule(startPerClass, batch, growing,
                maxLabels);

        // Without it (orders split over several processes), the curves are still measured and the target is NaN.
        double full = allLabels ? 0 : Double.NaN;
        for (int s = 0; allLabels && s < seeds; s++) {
            progress.accept(name + ": all " + pool.size() + " labels, seed " + (s + 1));
            full += sim.allLabels(s + 1) / seeds;
        }
        double target = TARGET * full;
        List<LabellingReport.StrategyResult> results = new ArrayList<>();
        double randomMean = Double.NaN;
        for (LabellingStrategy strategy : strategies) {
            List<LabellingSimulation.Curve> curves = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                progress.accept(name + ": " + strategy.name().toLowerCase() + ", seed " + (s + 1));
                curves.add(sim.run(strategy, schedule, s + 1));
            }
            int[] at = curves.get(0).labels();
            double[] mean = new double[at.length];
            double[] toTarget = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                LabellingSimulation.Curve c = curves.get(s);
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += c.accuracy()[Math.min(i, c.accuracy().length - 1)] / seeds;
                }
                toTarget[s] = labelsToReach(c, target);
            }
            double meanToTarget = Arrays.stream(toTarget).average().orElse(Double.NaN);
            if (strategy == LabellingStrategy.RANDOM) {
                randomMean = meanToTarget;
            }
            results.add(new LabellingReport.StrategyResult(strategy.name().toLowerCase().replace('_', '+'), at, mean,
                    toTarget, meanToTarget, meanToTarget / randomMean,
                    curves.stream().map(LabellingSimulation.Curve::accuracy).toArray(double[][]::new)));
        }
        return new LabellingReport.DatasetResult(name, pool.size(), test.size(), labels.size(), seeds, startPerClass,
                maxLabels, full, target, results);
    }

    /** The labels at which the curve first reaches {@code target}, linear between measured points; NaN if never. */
    static double labelsToReach(LabellingSimulation.Curve c, double target) {
        for (int i = 0; i < c.labels().length; i++) {
            if (c.accuracy()[i] >= target) {
                if (i == 0) {
                    return c.labels()[0];
                }
                double a0 = c.accuracy()[i - 1];
                double a1 = c.accuracy()[i];
                double f = (target - a0) / (a1 - a0);
                return c.labels()[i - 1] + f * (c.labels()[i] - c.labels()[i - 1]);
            }
        }
        return Double.NaN;
    }
}
