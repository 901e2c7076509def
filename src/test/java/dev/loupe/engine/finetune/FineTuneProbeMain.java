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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The first measurement of fine-tuning (docs/benchmarks.md): cut maps of a class-folder subset cached once, then the
 * head alone (softmax regression by L-BFGS on the pooled features) against the last blocks plus that head trained
 * by Adam on the cache, test accuracy, wall and CPU time per stage.
 * Args: TRAIN_DIR TEST_DIR TRAIN_N TEST_N BLOCKS EPOCHS LR CACHE_DIR [L2 BATCH].
 */
public final class FineTuneProbeMain {

    private static final long START = System.nanoTime();

    public static void main(String[] args) throws Exception {
        Path trainDir = Path.of(args[0]);
        Path testDir = Path.of(args[1]);
        int trainN = Integer.parseInt(args[2]);
        int testN = Integer.parseInt(args[3]);
        int blocks = Integer.parseInt(args[4]);
        int epochs = Integer.parseInt(args[5]);
        double lr = Double.parseDouble(args[6]);
        Path cache = Files.createDirectories(Path.of(args[7]));
        double l2 = args.length > 8 ? Double.parseDouble(args[8]) : 0.002;
        int batch = args.length > 9 ? Integer.parseInt(args[9]) : 64;
        List<String> classes = classes(trainDir);
        List<Path> trainFiles = new ArrayList<>();
        int[] trainY = subset(trainDir, classes, trainN, trainFiles);
        List<Path> testFiles = new ArrayList<>();
        int[] testY = subset(testDir, classes, testN, testFiles);

        Stage s = new Stage("load backbone");
        Backbone backbone = BackboneLoader.load(BackboneRegistry.bundled().require(BackboneRegistry.DEFAULT_ID));
        BackboneTop top = BackboneTop.find(backbone, blocks);
        s.done("cut at " + top.cut() + " " + top.shape() + ", " + top.shape().values() + " bytes an image");

        Path trainCut = cache.resolve("cut" + blocks + "-train-" + trainN + ".bin");
        Path testCut = cache.resolve("cut" + blocks + "-test-" + testN + ".bin");
        try (CutRunner runner = new CutRunner(top)) {
            for (Path[] job : new Path[][] {{trainCut, trainDir}, {testCut, testDir}}) {
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
             CutActivations.Reader test = new CutActivations.Reader(testCut)) {
            String pooled = backbone.graph().getConfiguration().getNetworkOutputs().get(0);
            ComputationGraph net = top.trainable(classes.size(), new Adam(new PolySchedule(ScheduleType.ITERATION,
                    lr, 1.0, epochs * (trainN + batch - 1) / batch)), 42);
            s = new Stage("pooled features through the original top");
            float[][] trainX = pooled(net, train, pooled, batch);
            float[][] testX = pooled(net, test, pooled, batch);
            s.done("");

            s = new Stage("head alone: softmax regression (L-BFGS), L2 " + l2);
            TrainingConfig config = TrainingConfig.defaults().withHead(new HeadSetting(0, 0, l2, 3e-3), false);
            TrainedHead head = new HeadTrainer().train(new LabelledFeatures(trainX, trainY),
                    new LabelledFeatures(new float[0][], new int[0]), classes.size(), config, JobMonitor.silent());
            INDArray probs = head.network().output(Nd4j.create(head.scaler().apply(testX)), false);
            s.done(String.format("test accuracy %.4f (%d iterations)", accuracy(probs, testY), head.history().size()));

            INDArray w = head.network().getLayer(0).getParam("W");
            INDArray b = head.network().getLayer(0).getParam("b");
            BackboneTop.startHead(net, head.scaler().mean(), head.scaler().scale(), w, b);
            s = new Stage("top + head, before training");
            s.done(String.format("test accuracy %.4f", evaluate(net, test, testY, batch)));
            Random random = new Random(42);
            for (int e = 1; e <= epochs; e++) {
                s = new Stage("fine-tune epoch " + e + " (" + blocks + " block(s) + softmax, Adam " + lr
                        + " linear decay, batch " + batch + ")");
                double loss = epoch(net, train, trainY, classes.size(), batch, random);
                double seconds = s.seconds();
                double acc = evaluate(net, test, testY, batch);
                s.done(String.format("train loss %.4f, train %.1f s, test accuracy %.4f", loss, seconds, acc));
            }
        }
    }

    private static double epoch(ComputationGraph net, CutActivations.Reader cut, int[] y, int classes, int batch,
                                Random random) throws java.io.IOException {
        int n = cut.count();
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int per = cut.shape().values();
        double lossSum = 0;
        int steps = 0;
        for (int from = 0; from < n; from += batch) {
            int m = Math.min(batch, n - from);
            float[] x = new float[m * per];
            INDArray labels = Nd4j.zeros(m, classes);
            for (int i = 0; i < m; i++) {
                cut.read(order[from + i], x, i * per);
                labels.putScalar(i, y[order[from + i]], 1f);
            }
            net.fit(new DataSet(maps(x, m, cut.shape()), labels));
            lossSum += net.score();
            steps++;
        }
        return lossSum / steps;
    }

    private static double evaluate(ComputationGraph net, CutActivations.Reader cut, int[] y, int batch)
            throws java.io.IOException {
        int right = 0;
        for (int from = 0; from < cut.count(); from += batch) {
            int m = Math.min(batch, cut.count() - from);
            INDArray p = net.outputSingle(false, maps(read(cut, from, m), m, cut.shape()));
            for (int i = 0; i < m; i++) {
                right += p.getRow(i).argMax().getInt(0) == y[from + i] ? 1 : 0;
            }
        }
        return (double) right / cut.count();
    }

    private static float[][] pooled(ComputationGraph net, CutActivations.Reader cut, String pooled, int batch)
            throws java.io.IOException {
        float[][] out = new float[cut.count()][];
        for (int from = 0; from < cut.count(); from += batch) {
            int m = Math.min(batch, cut.count() - from);
            INDArray f = net.feedForward(maps(read(cut, from, m), m, cut.shape()), false).get(pooled);
            float[][] rows = f.reshape(m, f.length() / m).toFloatMatrix();
            System.arraycopy(rows, 0, out, from, m);
        }
        return out;
    }

    private static float[] read(CutActivations.Reader cut, int from, int m) throws java.io.IOException {
        int per = cut.shape().values();
        float[] x = new float[m * per];
        for (int i = 0; i < m; i++) {
            cut.read(from + i, x, i * per);
        }
        return x;
    }

    private static INDArray maps(float[] x, int m, CutActivations.Shape s) {
        return Nd4j.create(x, new long[] {m, s.channels(), s.height(), s.width()}, 'c');
    }

    private static double accuracy(INDArray probs, int[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += probs.getRow(i).argMax().getInt(0) == y[i] ? 1 : 0;
        }
        return (double) right / y.length;
    }

    private static List<String> classes(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    /** The first {@code n / classes} files of each class, by name: a stratified subset that is the same each run. */
    private static int[] subset(Path dir, List<String> classes, int n, List<Path> files) throws java.io.IOException {
        List<Integer> y = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            try (Stream<Path> s = Files.list(dir.resolve(classes.get(c)))) {
                for (Path p : s.sorted().limit(n / classes.size()).toList()) {
                    files.add(p);
                    y.add(c);
                }
            }
        }
        return y.stream().mapToInt(Integer::intValue).toArray();
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
