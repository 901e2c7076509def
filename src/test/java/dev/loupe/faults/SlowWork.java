package dev.loupe.faults;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.FakeExtractor;

import java.nio.file.Path;
import java.util.List;

/**
 * Long-running Loupe work for the kill tests, run in a child JVM: {@code features}, {@code train} or {@code moves}
 * on the dataset in {@code args[1]}. Features and training print a line per step so the parent can kill them
 * mid-work; the parent of {@code moves} watches the class folders instead (see KillTest).
 */
public final class SlowWork {

    private SlowWork() {
    }

    public static void main(String[] args) throws Exception {
        Path ds = Path.of(args[1]);
        switch (args[0]) {
            case "features" -> {
                try (Catalogue c = Catalogue.open(ds)) {
                    new FeatureService(slowExtractor()).features(new DatasetScanner().scan(ds), c,
                            FakeExtractor.DESCRIPTOR, JobMonitor.silent());
                }
            }
            case "train" -> new TrainJob(workflow(), RunHistory.of(ds), ds, config(100_000)).run(slowEpochs());
            case "moves" -> moves(ds);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done");
    }

    static TrainWorkflow workflow() {
        return new TrainWorkflow(BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR)), new FakeExtractor().factory());
    }

    static TrainingConfig config(int epochs) {
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingConfig("fake", epochs, d.learningRate(), 0, 0, d.l2(), 20, 42, epochs, d.batchSize(), true,
                0);
    }

    /** The fake backbone, 20 ms a batch, telling the parent after each. */
    private static ExtractorFactory slowExtractor() {
        FakeExtractor fake = new FakeExtractor();
        return d -> new FeatureExtractor() {
            private int batches;
            @Override public String backboneId() { return fake.backboneId(); }
            @Override public dev.loupe.engine.backbone.InputSpec inputSpec() { return fake.inputSpec(); }
            @Override public int featureDim() { return fake.featureDim(); }
            @Override public int batchSize() { return fake.batchSize(); }
            @Override public void close() { }

            @Override
            public float[][] extract(float[] pixels, int count) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.println("batch " + ++batches);
                return fake.extract(pixels, count);
            }
        };
    }

    private static JobMonitor slowEpochs() {
        return new ForwardingMonitor(JobMonitor.silent()) {
            @Override
            public void partial(Partial record) {
                if (record instanceof EpochMetrics m) {
                    System.out.println("epoch " + m.epoch());
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }

    /**
     * Moves every red image to blue as one edit, undoes it, and again, until killed, holding the dataset's lock as
     * the CLI and the studio do. Whether the kill cuts the move or its undo, one Undo must bring back all-red.
     */
    private static void moves(Path ds) throws Exception {
        try (DatasetLock lock = DatasetLock.acquire(ds, "test batch moves")) {
            DatasetEditor editor = DatasetEditor.open(ds);
            System.out.println("editing");
            for (;;) {
                editor.moveImages(images(ds, "red"), "blue");
                editor.undo();
            }
        }
    }

    private static List<String> images(Path ds, String label) throws java.io.IOException {
        return new DatasetScanner().scan(ds).images().stream().filter(i -> i.label().equals(label))
                .map(dev.loupe.engine.dataset.ImageEntry::relativePath).toList();
    }
}
