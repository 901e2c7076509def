package dev.loupe.engine.embedding;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Natives;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Not a test: how {@link Familiarity}'s rule was chosen (issue 17 point 13). With the default backbone's features,
 * 5-fold cross-validation on DATASET gives the share of held-out images of the dataset that a quantile calls
 * unfamiliar (false alarms), and the rule learnt on the whole dataset gives the share of FOREIGN images (another kind
 * of photo, e.g. Fashion-MNIST against the flowers) it calls unfamiliar (detections). Run with
 * {@code java -cp target/classes:target/test-classes:target/lib/* dev.loupe.engine.embedding.FamiliarityCheck DATASET
 * FOREIGN}; it writes features into each folder's catalogue, so give it copies.
 */
public final class FamiliarityCheck {

    private static final double[] QUANTILES = {0.005, 0.01, 0.02, 0.05};
    private static final int FOLDS = 5;

    public static void main(String[] args) throws Exception {
        Natives.configure();
        BackboneDescriptor backbone = BackboneRegistry.standard().require(BackboneRegistry.DEFAULT_ID);
        try (KeptExtractors extractors = KeptExtractors.studio()) {
            FeatureService service = new FeatureService(extractors);
            float[][] own = rows(features(service, backbone, Path.of(args[0])));
            float[][] foreign = rows(features(service, backbone, Path.of(args[1])));
            System.out.printf(Locale.ROOT, "%s: %d images of %s, %d of %s%n", backbone.id(), own.length,
                    args[0], foreign.length, args[1]);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < own.length; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(17));
            NeighbourIndex all = NeighbourIndexes.build(own, JobMonitor.silent());
            float[] foreignNearest = nearest(all, foreign);
            System.out.printf(Locale.ROOT, "nearest similarity, median: held-out own %.3f, foreign %.3f%n",
                    median(crossNearest(own, order)), median(foreignNearest));
            for (double q : QUANTILES) {
                int alarms = 0;
                for (int f = 0; f < FOLDS; f++) {
                    alarms += foldAlarms(own, order, f, q);
                }
                Familiarity rule = Familiarity.learn(own, all, q, 17);
                long detected = count(foreignNearest, rule);
                System.out.printf(Locale.ROOT, "quantile %.3f: threshold %.3f, false alarms %d/%d (%.1f %%), "
                                + "detected %d/%d (%.1f %%)%n", q, rule.threshold(), alarms, own.length,
                        100.0 * alarms / own.length, detected, foreign.length, 100.0 * detected / foreign.length);
            }
        }
    }

    /** Held-out images of fold {@code f} called unfamiliar by the rule learnt on the other folds. */
    private static int foldAlarms(float[][] own, List<Integer> order, int f, double q) {
        List<float[]> train = new ArrayList<>();
        List<float[]> held = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            (i % FOLDS == f ? held : train).add(own[order.get(i)]);
        }
        float[][] x = train.toArray(float[][]::new);
        NeighbourIndex index = NeighbourIndexes.build(x, JobMonitor.silent());
        Familiarity rule = Familiarity.learn(x, index, q, 17);
        return (int) count(nearest(index, held.toArray(float[][]::new)), rule);
    }

    private static float[] crossNearest(float[][] own, List<Integer> order) {
        List<Float> out = new ArrayList<>();
        for (int f = 0; f < FOLDS; f++) {
            List<float[]> train = new ArrayList<>();
            List<float[]> held = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                (i % FOLDS == f ? held : train).add(own[order.get(i)]);
            }
            NeighbourIndex index = NeighbourIndexes.build(train.toArray(float[][]::new), JobMonitor.silent());
            for (float v : nearest(index, held.toArray(float[][]::new))) {
                out.add(v);
            }
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    private static float[] nearest(NeighbourIndex index, float[][] queries) {
        float[] out = new float[queries.length];
        for (int i = 0; i < queries.length; i++) {
            out[i] = index.nearest(queries[i], 1).get(0).similarity();
        }
        return out;
    }

    private static long count(float[] nearest, Familiarity rule) {
        long n = 0;
        for (float v : nearest) {
            n += rule.familiar(v) ? 0 : 1;
        }
        return n;
    }

    private static double median(float[] v) {
        float[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    private static FeatureSet features(FeatureService service, BackboneDescriptor backbone, Path folder)
            throws Exception {
        var snapshot = new DatasetScanner().scan(folder);
        try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
            return service.features(snapshot, catalogue, backbone, JobMonitor.silent());
        }
    }

    private static float[][] rows(FeatureSet set) {
        return set.samples().stream().map(Sample::features).toArray(float[][]::new);
    }
}
