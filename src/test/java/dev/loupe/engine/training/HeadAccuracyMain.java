package dev.loupe.engine.training;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.Evaluator;
import dev.loupe.engine.features.AugmentedFeatures;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.NdArrays;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loupe's head, searched and as given, scored on images it was not trained on, over several seeds: the accuracy
 * figures of docs/benchmarks.md ("Accuracy"). Not a test: it prints figures. Features come from each dataset's
 * catalogue (extracted first if missing, on ONNX Runtime, as {@code loupe features} does), and so do augmented
 * variants ({@code --augment K}).
 *
 * <p>With {@code --test TEST}: the model is trained as {@code loupe train} trains it (the 20% validation split by
 * content hash for early stopping, calibration and the search) and scored on every image of TEST. Without: k-fold
 * ({@code --folds}, stratified by class in content-hash order); each fold is held out in turn, the model trained on
 * the others with the held-out fold as its validation split, and the held-out predictions pooled. With
 * {@code --folds 0}: scored on the default validation split, as {@code loupe train} reports it.
 *
 * <pre>
 * java -cp 'target/classes:target/test-classes:target/lib/*' dev.loupe.engine.training.HeadAccuracyMain DATASET
 *      [--test TEST] [--folds 5] [--seeds 42,7,1] [--augment K] [--augment-colour true|false]
 *      [--arms given,search,softmax:0.001] [--backbone ID]
 * </pre>
 */
public final class HeadAccuracyMain {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            opt.put(args[i], args[i + 1]);
        }
        Path dataset = Path.of(args[0]);
        String backboneId = opt.getOrDefault("--backbone", BackboneRegistry.DEFAULT_ID);
        int augment = Integer.parseInt(opt.getOrDefault("--augment", "0"));
        boolean colour = Boolean.parseBoolean(opt.getOrDefault("--augment-colour", "false"));
        int folds = Integer.parseInt(opt.getOrDefault("--folds", "5"));
        List<Long> seeds = new ArrayList<>();
        for (String s : opt.getOrDefault("--seeds", "42,7,1").split(",")) {
            seeds.add(Long.parseLong(s));
        }
        List<String> arms = List.of(opt.getOrDefault("--arms", "given,search").split(","));
        BackboneRegistry registry = BackboneRegistry.standard();
        BackboneDescriptor backbone = registry.require(backboneId);
        ExtractorFactory extractors = ExtractorFactory.standard();

        Data train = Data.load(dataset, backbone, extractors);
        Data test = opt.containsKey("--test") ? Data.load(Path.of(opt.get("--test")), backbone, extractors) : null;
        List<String> labels = new ArrayList<>(new TreeSet<>(train.samples.stream().map(s -> s.image().label()).toList()));
        System.out.printf("%s: %d images, %d classes, %s, augment %d%s, %s%n", dataset, train.samples.size(),
                labels.size(), backboneId, augment, colour ? " with colour" : "", test != null ? "test " + test.samples.size() + " images"
                        : folds == 0 ? "the default split" : folds + "-fold");
        for (long seed : seeds) {
            for (String arm : arms) {
                TrainingConfig c = TrainingConfig.defaults().withBackbone(backboneId).withSeed(seed)
                        .withAugmentations(augment).withAugmentColour(colour);
                // "softmax:L2" is softmax regression at that L2, as given.
                c = arm.startsWith("softmax:")
                        ? c.withHead(new HeadSetting(0, 0, Double.parseDouble(arm.substring(8)), c.learningRate()), false)
                        : c.withHead(c.head(), arm.equals("search"));
                long t0 = System.nanoTime();
                long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                Score score = test != null ? onTest(train, test, labels, c, dataset, backbone, extractors)
                        : folds == 0 ? onTest(train, null, labels, c, dataset, backbone, extractors) : kFold(train, labels, c, folds, dataset, backbone, extractors);
                System.out.printf(Locale.ROOT, "seed %d  %-6s accuracy %.4f  ECE %.4f  %.1f s (CPU %.1f s)  %s%n",
                        seed, arm, score.report.accuracy(), score.report.calibrationError(),
                        (System.nanoTime() - t0) / 1e9,
                        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9, score.heads);
            }
        }
        System.exit(0);
    }

    private record Data(List<Sample> samples) {
        static Data load(Path root, BackboneDescriptor backbone, ExtractorFactory extractors) throws Exception {
            DatasetSnapshot snapshot = new DatasetScanner().scan(root);
            try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
                List<Sample> samples = new ArrayList<>(new FeatureService(extractors)
                        .features(snapshot, catalogue, backbone, JobMonitor.silent()).samples());
                samples.sort(Comparator.comparing(Sample::hash));
                return new Data(samples);
            }
        }
    }

    private record Score(EvaluationReport report, String heads) {
    }

    private static Score onTest(Data train, Data test, List<String> labels, TrainingConfig c, Path root,
                                BackboneDescriptor backbone, ExtractorFactory extractors) throws Exception {
        List<Sample> fit = new ArrayList<>();
        List<Sample> validation = new ArrayList<>();
        for (Sample s : train.samples) {
            (DatasetSplit.isValidation(s.hash(), c.validationPercent()) ? validation : fit).add(s);
        }
        ChosenHead head = train(fit, validation, labels, c, root, backbone, extractors);
        return new Score(evaluate(head.head(), test == null ? validation : test.samples, labels), describe(head));
    }

    private static Score kFold(Data data, List<String> labels, TrainingConfig c, int k, Path root,
                               BackboneDescriptor backbone, ExtractorFactory extractors) throws Exception {
        int[] fold = new int[data.samples.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            fold[i] = seen.merge(data.samples.get(i).image().label(), 1, Integer::sum) % k;
        }
        List<Sample> pooled = new ArrayList<>();
        List<float[]> probabilities = new ArrayList<>();
        StringBuilder heads = new StringBuilder();
        for (int f = 0; f < k; f++) {
            List<Sample> fit = new ArrayList<>();
            List<Sample> held = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? held : fit).add(data.samples.get(i));
            }
            ChosenHead head = train(fit, held, labels, c, root, backbone, extractors);
            pooled.addAll(held);
            probabilities.addAll(List.of(probabilities(head.head(), held)));
            heads.append(f == 0 ? "" : " | ").append(describe(head));
        }
        return new Score(Evaluator.evaluate(labels, probabilities.toArray(float[][]::new), labelsOf(pooled, labels),
                pooled.stream().map(s -> s.image().relativePath()).toList()), heads.toString());
    }

    private static ChosenHead train(List<Sample> fit, List<Sample> validation, List<String> labels, TrainingConfig c,
                                    Path root, BackboneDescriptor backbone, ExtractorFactory extractors)
            throws Exception {
        AugmentedFeatures.Result variants = new AugmentedFeatures.Result(List.of(), new int[0], 0, 0);
        if (c.augmentations() > 0) {
            try (Catalogue catalogue = Catalogue.open(root)) {
                variants = AugmentedFeatures.of(fit, c.augmentations(), c.augmentColour(), catalogue.features(),
                        extractors, backbone, JobMonitor.silent());
            }
        }
        return ChosenHead.train(new TrainingRows(labelled(fit, labels), labelled(variants.samples(), labels),
                variants.originalOf()), labelled(validation, labels), labels.size(), c, JobMonitor.silent());
    }

    private static String describe(ChosenHead h) {
        String setting = h.config().head().describe();
        if (h.choice() == null) {
            return setting + " (" + h.head().history().size() + " epochs)";
        }
        StringBuilder tried = new StringBuilder();
        for (HeadTrial t : h.choice().trials()) {
            tried.append(String.format(Locale.ROOT, "%n    tried %s: validation %.4f, %.0f epochs, %.1f s",
                    t.describe(), t.accuracy(), t.epochs(), t.millis() / 1e3));
        }
        return setting + ", augment " + h.config().augmentations() + " (" + h.choice().trials().size() + " tried" + (h.choice().budgetReached() ? ", budget reached"
                : "") + ")" + tried;
    }

    private static EvaluationReport evaluate(TrainedHead head, List<Sample> samples, List<String> labels) {
        return Evaluator.evaluate(labels, probabilities(head, samples), labelsOf(samples, labels),
                samples.stream().map(s -> s.image().relativePath()).toList());
    }

    private static float[][] probabilities(TrainedHead head, List<Sample> samples) {
        float[][] x = samples.stream().map(Sample::features).toArray(float[][]::new);
        float[][] raw = NdArrays.toRows(head.network().output(
                NdArrays.fromRows(head.scaler().apply(x), head.scaler().mean().length), false));
        return TemperatureScaling.apply(raw, head.temperature());
    }

    private static LabelledFeatures labelled(List<Sample> samples, List<String> labels) {
        return new LabelledFeatures(samples.stream().map(Sample::features).toArray(float[][]::new),
                labelsOf(samples, labels));
    }

    private static int[] labelsOf(List<Sample> samples, List<String> labels) {
        return samples.stream().mapToInt(s -> labels.indexOf(s.image().label())).toArray();
    }
}
