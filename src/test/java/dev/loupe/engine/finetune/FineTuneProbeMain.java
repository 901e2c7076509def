package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The measurement of fine-tuning (docs/benchmarks.md): cut maps of a class-folder subset cached once, then the
 * head alone (softmax regression by L-BFGS on the pooled features) against the last blocks plus that head trained
 * by Adam on the cache, test accuracy, wall and CPU time per stage.
 * Args: TRAIN_DIR TEST_DIR TRAIN_N TEST_N BLOCKS EPOCHS LR CACHE_DIR [L2 BATCH] [--OPTION=VALUE...].
 * TEST_DIR {@code -}: one dataset (TRAIN_N 0: every photo), split by Loupe's content-hash split
 * ({@code --validation=20}) or, with {@code --folds=K}, K-fold cross-validation. Options: {@code --wd=X} decoupled
 * weight decay (DL4J's {@link WeightDecay}, times the learning rate, as AdamW) on the blocks' weights,
 * {@code --head-wd=X} the same on the softmax layer's, {@code --seed=N} the shuffling, {@code --dl4j=1} the epochs by
 * DL4J's own {@code fit} instead of {@link TopStep} (the before of docs/benchmarks.md), {@code --profile=1} the CPU
 * time of each layer's forward and backward pass on one batch ({@link LayerProfile}) instead of training.
 */
public final class FineTuneProbeMain {

    private static final long START = System.nanoTime();

    public static void main(String[] argv) throws Exception {
        Map<String, String> opt = new HashMap<>();
        List<String> args = new ArrayList<>();
        for (String a : argv) {
            if (a.startsWith("--")) {
                String[] kv = a.substring(2).split("=", 2);
                opt.put(kv[0], kv.length > 1 ? kv[1] : "1");
            } else {
                args.add(a);
            }
        }
        Path trainDir = Path.of(args.get(0));
        boolean oneSet = args.get(1).equals("-");
        Path testDir = oneSet ? null : Path.of(args.get(1));
        int trainN = Integer.parseInt(args.get(2));
        int testN = Integer.parseInt(args.get(3));
        int blocks = Integer.parseInt(args.get(4));
        int epochs = Integer.parseInt(args.get(5));
        double lr = Double.parseDouble(args.get(6));
        Path cache = Files.createDirectories(Path.of(args.get(7)));
        double l2 = args.size() > 8 ? Double.parseDouble(args.get(8)) : 0.002;
        int batch = args.size() > 9 ? Integer.parseInt(args.get(9)) : 64;
        double wd = Double.parseDouble(opt.getOrDefault("wd", "0"));
        double headWd = Double.parseDouble(opt.getOrDefault("head-wd", "0"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
        int folds = Integer.parseInt(opt.getOrDefault("folds", "0"));
        System.out.println("settings: " + String.join(" ", argv));

        List<String> classes = ProbeData.classes(trainDir);
        List<Path> trainFiles = new ArrayList<>();
        int[] trainY = ProbeData.subset(trainDir, classes, trainN, trainFiles);
        List<Path> testFiles = new ArrayList<>();
        int[] testY = oneSet ? new int[0] : ProbeData.subset(testDir, classes, testN, testFiles);

        Stage s = new Stage("load backbone");
        Backbone backbone = BackboneLoader.load(BackboneRegistry.bundled().require(BackboneRegistry.DEFAULT_ID));
        BackboneTop top = BackboneTop.find(backbone, blocks);
        s.done("cut at " + top.cut() + " " + top.shape() + ", " + top.shape().values() + " bytes an image");

        Path trainCut = cache.resolve("cut" + blocks + (oneSet ? "-all-" : "-train-") + trainN + ".bin");
        Path testCut = cache.resolve("cut" + blocks + "-test-" + testN + ".bin");
        try (CutRunner runner = new CutRunner(top)) {
            for (Path[] job : oneSet ? new Path[][] {{trainCut}} : new Path[][] {{trainCut}, {testCut}}) {
                List<Path> files = job[0] == trainCut ? trainFiles : testFiles;
                if (!Files.exists(job[0])) {
                    s = new Stage("backbone to cut (ONNX Runtime, 2 callers), " + files.size() + " images");
                    runner.extract(files, job[0], 2);
                    s.done(String.format("%.1f images/s wall, file %d MB", files.size() / s.seconds(),
                            Files.size(job[0]) >> 20));
                }
            }
        }
        try (CutActivations.Reader train = new CutActivations.Reader(trainCut);
             CutActivations.Reader test = oneSet ? train : new CutActivations.Reader(testCut)) {
            String pooled = backbone.graph().getConfiguration().getNetworkOutputs().get(0);
            IUpdater adam = new Adam(lr);
            ComputationGraph probe = top.trainable(classes.size(), adam, seed);
            if (opt.containsKey("profile")) {
                LayerProfile.run(probe, new ProbeData.Part(train, IntStream.range(0, train.count()).toArray(),
                        trainY), batch, classes.size());
                return;
            }
            s = new Stage("pooled features through the original top (or their cache)");
            float[][] trainX = ProbeData.pooled(probe, train, trainCut, pooled, batch);
            float[][] testX = oneSet ? trainX : ProbeData.pooled(probe, test, testCut, pooled, batch);
            s.done("");
            ProbeData.Part all = new ProbeData.Part(train, IntStream.range(0, train.count()).toArray(), trainY);
            List<ProbeData.Part[]> splits = new ArrayList<>();
            if (!oneSet) {
                splits.add(new ProbeData.Part[] {all,
                        new ProbeData.Part(test, IntStream.range(0, test.count()).toArray(), testY)});
            } else {
                for (int f = 0; f < Math.max(folds, 1); f++) {
                    boolean[] v = ProbeData.validation(trainFiles, trainY,
                            Double.parseDouble(opt.getOrDefault("validation", "20")), folds, f);
                    int[] fit = IntStream.range(0, v.length).filter(i -> !v[i]).toArray();
                    int[] val = IntStream.range(0, v.length).filter(i -> v[i]).toArray();
                    splits.add(new ProbeData.Part[] {all.select(fit), all.select(val)});
                }
            }
            double[] sum = new double[epochs + 1];
            for (int f = 0; f < splits.size(); f++) {
                ProbeData.Part fit = splits.get(f)[0];
                ProbeData.Part val = splits.get(f)[1];
                String tag = splits.size() > 1 ? "fold " + (f + 1) + "/" + splits.size() + ", " : "";
                s = new Stage(tag + "head alone: softmax regression (L-BFGS), L2 " + l2 + ", " + fit.size()
                        + " training / " + val.size() + " test photos");
                TrainingConfig config = TrainingConfig.defaults().withHead(new HeadSetting(0, 0, l2, 3e-3), false);
                TrainedHead head = new HeadTrainer().train(new LabelledFeatures(rows(trainX, fit), fit.y()),
                        new LabelledFeatures(new float[0][], new int[0]), classes.size(), config,
                        JobMonitor.silent());
                INDArray probs = head.network().output(Nd4j.create(head.scaler().apply(
                        rows(oneSet ? trainX : testX, val))), false);
                sum[0] += accuracy(probs, val.y());
                INDArray fitted = head.network().output(Nd4j.create(head.scaler().apply(rows(trainX, fit))), false);
                s.done(String.format("test accuracy %.4f (%d iterations); on its training photos accuracy %.4f,"
                                + " cross-entropy %.4f", accuracy(probs, val.y()), head.history().size(),
                        accuracy(fitted, fit.y()), crossEntropy(fitted, fit.y())));

                int steps = epochs * ((fit.size() + batch - 1) / batch);
                IUpdater updater = new Adam(new PolySchedule(ScheduleType.ITERATION, lr, 1.0, steps));
                ComputationGraph net = top.trainable(classes.size(), updater, seed);
                regularize(net, wd, headWd);
                BackboneTop.startHead(net, head.scaler().mean(), head.scaler().scale(),
                        head.network().getLayer(0).getParam("W"), head.network().getLayer(0).getParam("b"));
                s = new Stage(tag + "top + head, before training");
                s.done(String.format("test accuracy %.4f", evaluate(net, val, batch)));
                Random random = new Random(seed);
                for (int e = 1; e <= epochs; e++) {
                    s = new Stage(tag + "fine-tune epoch " + e + " (" + blocks + " block(s) + softmax, Adam " + lr
                            + " linear decay, batch " + batch + ", weight decay " + wd + " / head " + headWd + ")");
                    double loss = epoch(net, opt.containsKey("dl4j") ? null : new TopStep(net), fit, classes.size(),
                            batch, random);
                    double seconds = s.seconds();
                    double acc = evaluate(net, val, batch);
                    sum[e] += acc;
                    s.done(String.format("train loss %.4f, train %.1f s, test accuracy %.4f", loss, seconds, acc));
                }
            }
            if (splits.size() > 1) {
                StringBuilder mean = new StringBuilder("mean over " + splits.size() + " folds: head "
                        + String.format("%.4f", sum[0] / splits.size()));
                for (int e = 1; e <= epochs; e++) {
                    mean.append(String.format(", epoch %d %.4f", e, sum[e] / splits.size()));
                }
                System.out.println(mean);
            }
        }
    }

    /** Decoupled weight decay (AdamW: w -= lr * coeff * w after Adam's step) on the weights, never the biases. */
    private static void regularize(ComputationGraph net, double blocks, double head) {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            double coeff = layer.getConfig().getLayerName().equals(BackboneTop.HEAD) ? head : blocks;
            if (coeff > 0 && layer.getConfig() instanceof BaseLayer base) {
                base.setRegularization(List.of(new WeightDecay(coeff, true)));
            }
        }
    }

    private static float[][] rows(float[][] x, ProbeData.Part part) {
        return IntStream.of(part.index()).mapToObj(i -> x[i]).toArray(float[][]::new);
    }

    /** One epoch by {@link TopStep} (what fine-tuning runs) or, when {@code step} is null, by DL4J's own fit. */
    private static double epoch(ComputationGraph net, TopStep step, ProbeData.Part part, int classes, int batch,
                                Random random)
            throws java.io.IOException {
        int n = part.size();
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double lossSum = 0;
        int steps = 0;
        for (int from = 0; from < n; from += batch) {
            int m = Math.min(batch, n - from);
            INDArray labels = Nd4j.zeros(m, classes);
            for (int i = 0; i < m; i++) {
                labels.putScalar(i, part.label(order, from + i), 1f);
            }
            INDArray x = part.maps(order, from, m);
            if (step == null) {
                net.fit(new DataSet(x, labels));
                lossSum += net.score();
            } else {
                INDArray p = step.fit(x, labels);
                lossSum -= Transforms.log(p, true).mul(labels).sumNumber().doubleValue() / m;
            }
            steps++;
        }
        return lossSum / steps;
    }

    private static double evaluate(ComputationGraph net, ProbeData.Part part, int batch) throws java.io.IOException {
        int right = 0;
        for (int from = 0; from < part.size(); from += batch) {
            int m = Math.min(batch, part.size() - from);
            INDArray p = net.outputSingle(false, part.maps(null, from, m));
            for (int i = 0; i < m; i++) {
                right += p.getRow(i).argMax().getInt(0) == part.label(null, from + i) ? 1 : 0;
            }
        }
        return (double) right / part.size();
    }

    /** The mean cross-entropy the fine-tuning starts from: how much the head leaves the block to learn. */
    private static double crossEntropy(INDArray probs, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum -= Math.log(Math.max(probs.getDouble(i, y[i]), 1e-30));
        }
        return sum / y.length;
    }

    private static double accuracy(INDArray probs, int[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += probs.getRow(i).argMax().getInt(0) == y[i] ? 1 : 0;
        }
        return (double) right / y.length;
    }

    /** Wall and process CPU seconds (every thread, ONNX Runtime's and ND4J's native ones included), and memory. */
    private static final class Stage {
        private final String name;
        private final long wall = System.nanoTime();
        private final long cpu = cpu();

        Stage(String name) {
            this.name = name;
        }

        double seconds() {
            return (System.nanoTime() - wall) / 1e9;
        }

        void done(String result) throws java.io.IOException {
            System.out.printf("[%6.1f s] %s: %.1f s wall, %.1f s CPU, heap %d MB, RSS %s, peak RSS %s, load %s; %s%n",
                    (System.nanoTime() - START) / 1e9, name, seconds(), (cpu() - cpu) / 1e9,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    status("VmRSS"), status("VmHWM"), Files.readString(Path.of("/proc/loadavg")).substring(0, 14),
                    result);
        }

        private static long cpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        private static String status(String key) throws java.io.IOException {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length() + 1).trim()).findFirst().orElse("?");
        }
    }
}
