package dev.loupe.engine.bench;

import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.inbox.AutoRetrain;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.Vectors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A labeller with an oracle, on real features: starting from a few labels per class, the studio's automatic retrain
 * is trained on the labelled rows ({@link AutoRetrain#settings}, the studio's content-hash validation split, calibrated
 * the same way), scored on
 * a fixed held-out test set, and the next batch is taken from the pool in the strategy's order, labelled by the
 * truth, until the label budget is spent.
 *
 * @param x       features, one row per photo
 * @param y       true class per row
 * @param hash    content hash per row (for the validation split, as in the studio)
 * @param labels  class names
 * @param test    the held-out rows, never labelled
 * @param pool    the rows a labeller may label
 */
record LabellingSimulation(float[][] x, int[] y, String[] hash, List<String> labels, List<Integer> test,
                           List<Integer> pool, TrainingConfig config) {

    /**
     * How labelling grows: {@code startPerClass} labels per class, then batches of {@code batch} photos, a retrain
     * after each, up to {@code maxLabels}. The studio retrains every {@code AutoRetrain.DEFAULT_EVERY} labels, so
     * batches of that size are what a labeller in the studio does. {@code growing} batches are a quarter of what is
     * labelled (at least {@code batch}): far fewer retrains, but late batches of hundreds, which the uncertainty
     * orders spend on near-duplicates.
     */
    record Schedule(int startPerClass, int batch, boolean growing, int maxLabels) {
        int next(int labelled) {
            return growing ? Math.max(batch, Math.round(labelled * 0.25f)) : batch;
        }
    }

    /** One run: the labels counts and the test accuracy at each. */
    record Curve(int[] labels, double[] accuracy) {
    }

    Curve run(LabellingStrategy strategy, Schedule schedule, long seed) {
        Random random = new Random(seed);
        List<Integer> labelled = start(schedule.startPerClass(), seed);
        Set<Integer> taken = new HashSet<>(labelled);
        List<Integer> left = new ArrayList<>(pool.stream().filter(r -> !taken.contains(r)).toList());
        List<Integer> counts = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        TrainingConfig seeded = config.withSeed(seed);
        while (true) {
            ModelBundle model = train(labelled, seeded);
            counts.add(labelled.size());
            accuracy.add(accuracy(model, test));
            if (labelled.size() >= schedule.maxLabels() || left.isEmpty()) {
                break;
            }
            int batch = Math.min(schedule.next(labelled.size()), schedule.maxLabels() - labelled.size());
            float[][] p = strategy == LabellingStrategy.RANDOM ? null : model.probabilities(rows(left));
            List<Integer> chosen = strategy.pick(left, p, x, batch, random);
            labelled.addAll(chosen);
            left.removeAll(new HashSet<>(chosen));
        }
        return new Curve(counts.stream().mapToInt(Integer::intValue).toArray(),
                accuracy.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The test accuracy with every pool row labelled: what "all labels" gives. */
    double allLabels(long seed) {
        return accuracy(train(pool, config.withSeed(seed)), test);
    }

    /** {@code perClass} random pool rows of each class, the same for every strategy of a seed. */
    List<Integer> start(int perClass, long seed) {
        List<Integer> shuffled = new ArrayList<>(pool);
        java.util.Collections.shuffle(shuffled, new Random(seed * 31 + 7));
        int[] have = new int[labels.size()];
        List<Integer> out = new ArrayList<>();
        for (int r : shuffled) {
            if (have[y[r]] < perClass) {
                have[y[r]]++;
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The studio's automatic retrain on these rows ({@link AutoRetrain#settings}: its head and its L2 for this many
     * labels): validation by content hash, each class kept in training.
     */
    ModelBundle train(List<Integer> rows, TrainingConfig base) {
        TrainingConfig cfg = AutoRetrain.settings(base, rows.size());
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (int r : rows) {
            (DatasetSplit.isValidation(hash[r], cfg.validationPercent()) ? validation : train).add(r);
        }
        for (int c = 0; c < labels.size(); c++) {
            final int cls = c;
            if (train.stream().noneMatch(r -> y[r] == cls)) {
                validation.stream().filter(r -> y[r] == cls).findFirst().ifPresent(r -> {
                    validation.remove(r);
                    train.add(r);
                });
            }
        }
        TrainedHead head = new HeadTrainer().train(labelled(train), labelled(validation), labels.size(), cfg,
                JobMonitor.silent());
        ModelManifest manifest = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, labels, null, null,
                head.temperature(), null);
        return new ModelBundle(manifest, head.scaler(), head.network());
    }

    private LabelledFeatures labelled(List<Integer> rows) {
        return new LabelledFeatures(rows(rows), rows.stream().mapToInt(r -> y[r]).toArray());
    }

    private float[][] rows(List<Integer> rows) {
        return rows.stream().map(r -> x[r]).toArray(float[][]::new);
    }

    private double accuracy(ModelBundle model, List<Integer> rows) {
        float[][] p = model.probabilities(rows(rows));
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += Vectors.argmax(p[i]) == y[rows.get(i)] ? 1 : 0;
        }
        return right / (double) p.length;
    }
}
