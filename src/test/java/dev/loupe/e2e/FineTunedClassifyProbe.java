package dev.loupe.e2e;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.finetune.BackboneTop;
import dev.loupe.engine.finetune.CutRunner;
import dev.loupe.engine.inference.Classifier;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.FineTunedModels;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.model.ModelManifest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the Classify pane's stock features cost for a fine-tuned model: a model with its last block fine-tuned (a
 * little, on 9 flower photos) classifies every photo of DATASET, labels only ({@code loupe classify}) and labels plus
 * the stock features the map and similar images use (the pane: one ONNX graph with both tops), and the same head on
 * the stock backbone (a stock model) does the pane's work, REPS times each in turn, printing wall and process CPU ms a
 * photo (ONNX Runtime's native threads included). Leaves tuned.loupe and stock.loupe in WORK for
 * {@code loupe classify}. Usage: FineTunedClassifyProbe DATASET WORK REPS (docs/benchmarks.md).
 */
public final class FineTunedClassifyProbe {

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int reps = Integer.parseInt(args[2]);
        List<String> labels = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> classes = Files.list(dataset)) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                labels.add(c.getFileName().toString());
                try (Stream<Path> files = Files.list(c)) {
                    all.addAll(files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList());
                }
            }
        }
        BackboneDescriptor d = BackboneRegistry.bundled().require("mobilenet-v1-0.25");
        Backbone backbone = BackboneLoader.load(d);
        BackboneTop top = BackboneTop.find(backbone, 1);
        List<Path> train = all.subList(0, 9);
        InputSpec spec = d.input().withLayout(InputSpec.Layout.NCHW);
        float[] pixels = new float[train.size() * spec.valuesPerImage()];
        for (int i = 0; i < train.size(); i++) {
            ImagePreparer.prepare(train.get(i), spec, pixels, i * spec.valuesPerImage());
        }
        INDArray maps;
        try (CutRunner runner = new CutRunner(top)) {
            var s = top.shape();
            maps = Nd4j.create(runner.run(pixels, train.size()),
                    new long[] {train.size(), s.channels(), s.height(), s.width()}, 'c');
        }
        ComputationGraph trained = top.trainable(labels.size(), new Adam(1e-2), 7);
        INDArray y = Nd4j.zeros(train.size(), labels.size());
        for (int i = 0; i < train.size(); i++) {
            y.putScalar(i, i % labels.size(), 1);
        }
        trained.fit(new INDArray[] {maps}, new INDArray[] {y});
        ModelManifest manifest = new ModelManifest(ModelBundle.FORMAT_VERSION, ModelManifest.KIND, labels,
                new BackboneRef(d.id(), d.displayName(), d.cutLayer(), d.featureDim()), d.input(), 1.0, null);
        Path file = work.resolve("tuned.loupe");
        ModelBundle tuned = FineTunedModels.bundle(manifest, top, trained);
        ModelFiles.save(tuned, file);
        Path stockFile = work.resolve("stock.loupe");
        ModelFiles.save(new ModelBundle(tuned.manifest(), tuned.scaler(), tuned.head()), stockFile);
        backbone.graph().close();
        ExtractorFactory onnx = ExtractorFactory.onnx(work);
        try (Classifier c = Classifier.open(file, BackboneRegistry.bundled(), onnx);
             Classifier stock = Classifier.open(stockFile, BackboneRegistry.bundled(), onnx, true)) {
            c.classify(all.subList(0, 16), 1, JobMonitor.silent(), (i, v) -> { });
            stock.classify(all.subList(0, 16), 1, JobMonitor.silent(), (i, v) -> { });
            for (int r = 0; r < reps; r++) {
                time("stock model, labels + features", all, () -> stock.classify(all, 1, JobMonitor.silent(),
                        (i, v) -> { }));
                time("labels only", all, () -> c.classify(all, 1, JobMonitor.silent()));
                time("labels + stock features", all, () -> c.classify(all, 1, JobMonitor.silent(), (i, v) -> { }));
            }
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void time(String what, List<Path> all, Run run) throws Exception {
        long wall = System.nanoTime();
        long cpu = cpu();
        run.run();
        System.out.printf(Locale.ROOT, "%-32s %d photos: %.2f ms wall, %.2f ms CPU a photo%n", what, all.size(),
                (System.nanoTime() - wall) / 1e6 / all.size(), (cpu() - cpu) / 1e6 / all.size());
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
