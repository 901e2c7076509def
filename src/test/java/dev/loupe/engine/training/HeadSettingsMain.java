package dev.loupe.engine.training;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractionPipeline;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.inference.ImageInputs;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Compares head settings by k-fold accuracy on a real dataset (a folder of class folders), for choosing defaults
 * (docs/benchmarks.md, "Head settings"). Not a test: it prints figures.
 *
 * <p>Usage: {@code HeadSettingsMain FOLDER BACKBONE FOLDS SEEDS HIDDEN/BATCH...}, e.g.
 * {@code sample-datasets/flowers mobilenet-v1-0.75 5 3 256/32 128/128}. Fold f validates every k-th image from f
 * (in file order within each class), so every image is validated once per seed; the validation fold also picks the
 * best epoch, as a 20% split does in Loupe.
 */
public final class HeadSettingsMain {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        BackboneDescriptor backbone = BackboneRegistry.bundled().require(args[1]);
        int folds = Integer.parseInt(args[2]);
        int seeds = Integer.parseInt(args[3]);
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (Path f : ImageInputs.expand(List.of(dir))) {
                    files.add(f);
                    labels.add(classes.size());
                }
                classes.add(dir.getFileName().toString());
            }
        }
        float[][] x = new float[files.size()][];
        try (FeatureExtractor extractor = ExtractorFactory.onnx(Files.createTempDirectory("onnx")).open(backbone)) {
            ExtractionPipeline.run(files, extractor, JobMonitor.silent(), new ExtractionPipeline.Sink() {
                @Override
                public void features(int index, float[] vector) {
                    x[index] = vector;
                }

                @Override
                public void failed(int index, String reason) {
                    throw new IllegalStateException(files.get(index) + ": " + reason);
                }
            });
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        System.out.printf("%d images, %d classes, %s%n", y.length, classes.size(), backbone.id());
        for (int a = 4; a < args.length; a++) {
            String[] hb = args[a].split("/");
            evaluate(x, y, classes.size(), folds, seeds, Integer.parseInt(hb[0]), Integer.parseInt(hb[1]));
        }
    }

    private static void evaluate(float[][] x, int[] y, int classes, int folds, int seeds, int hidden, int batch) {
        TrainingConfig d = TrainingConfig.defaults();
        double right = 0;
        double loss = 0;
        int validated = 0;
        double epochs = 0;
        long start = System.nanoTime();
        for (int seed = 0; seed < seeds; seed++) {
            TrainingConfig config = new TrainingConfig(d.backbone(), d.epochs(), d.learningRate(), hidden,
                    d.dropout(), d.l2(), d.validationPercent(), d.seed() + seed, d.patience(), batch,
                    d.classWeights(), 0);
            for (int f = 0; f < folds; f++) {
                LabelledFeatures[] split = split(x, y, folds, f);
                TrainedHead head = new HeadTrainer().train(split[0], split[1], classes, config, JobMonitor.silent());
                EpochMetrics best = head.history().get(head.bestEpoch() - 1);
                right += best.validationAccuracy() * split[1].size();
                loss += best.validationLoss() * split[1].size();
                validated += split[1].size();
                epochs += head.history().size();
            }
        }
        System.out.printf(Locale.ROOT, "hidden %4d batch %4d: accuracy %.4f  loss %.4f  (%d validations, %.0f epochs"
                        + " each on average, %.1f s)%n", hidden, batch, right / validated, loss / validated,
                validated, epochs / (folds * seeds), (System.nanoTime() - start) / 1e9);
    }

    /** [training, validation]: every {@code folds}-th image of each class, from {@code fold}, is validation. */
    private static LabelledFeatures[] split(float[][] x, int[] y, int folds, int fold) {
        List<float[]> tx = new ArrayList<>();
        List<Integer> ty = new ArrayList<>();
        List<float[]> vx = new ArrayList<>();
        List<Integer> vy = new ArrayList<>();
        int[] seen = new int[y.length == 0 ? 0 : y[y.length - 1] + 1];
        for (int i = 0; i < y.length; i++) {
            boolean validation = seen[y[i]]++ % folds == fold;
            (validation ? vx : tx).add(x[i]);
            (validation ? vy : ty).add(y[i]);
        }
        return new LabelledFeatures[] {
            new LabelledFeatures(tx.toArray(float[][]::new), ty.stream().mapToInt(Integer::intValue).toArray()),
            new LabelledFeatures(vx.toArray(float[][]::new), vy.stream().mapToInt(Integer::intValue).toArray())};
    }
}
