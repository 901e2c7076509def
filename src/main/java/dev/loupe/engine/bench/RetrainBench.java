package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The retrain a user does after adding a few photos: a dataset of {@code photos} JPEGs (varied copies of the bench's
 * photos, see {@link VariedPhotos}) in a temporary folder, a first {@link TrainJob} with the default settings to
 * fill the feature cache, {@code added} new photos moved in, and the second job timed from start to saved run.
 */
record RetrainBench(int photos, int added) {

    static final RetrainBench DEFAULT = new RetrainBench(1_000, 10);

    BenchReport.Retrain run(BackboneRegistry registry, String backbone, ExtractorFactory onnx, List<Path> sources)
            throws Exception {
        int rounds = (photos + sources.size() - 1) / sources.size();
        // One more variant than the dataset uses, for the added photos: new content, not copies of dataset files.
        int variants = rounds + 1;
        try (TempFolder temp = new TempFolder("loupe-bench-retrain")) {
            Path dataset = temp.path().resolve("dataset");
            VariedPhotos.write(sources, photos, 0, variants, dataset);
            TrainingConfig config = TrainingConfig.defaults().withBackbone(backbone);
            // Kept open between the two jobs, as the studio keeps it between retrains (KeptExtractors.studio()).
            KeptExtractors kept = new KeptExtractors(onnx);
            TrainWorkflow workflow = new TrainWorkflow(registry, kept);
            long t0 = System.nanoTime();
            RunRecord first = new TrainJob(workflow, RunHistory.of(dataset), dataset, config).run(JobMonitor.silent());
            double firstSeconds = Timing.seconds(t0);

            // Written aside then moved in, as photos copied into the folder arrive whole.
            Path staging = temp.path().resolve("new");
            for (Path p : VariedPhotos.write(sources, added, rounds, variants, staging)) {
                Path target = dataset.resolve(staging.relativize(p));
                Files.createDirectories(target.getParent());
                Files.move(p, target);
            }
            long t1 = System.nanoTime();
            StageClock clock = new StageClock();
            RunRecord second = new TrainJob(workflow, RunHistory.of(dataset), dataset, config).run(clock);
            double seconds = Timing.seconds(t1);
            kept.close();
            long classes = sources.stream().map(Path::getParent).distinct().count();
            String data = String.format("JPEGs rescaled to %d-100%% from %d photos in %d class folders",
                    Math.round(100 * (1 - 0.5 * rounds / variants)), sources.size(), classes);
            return new BenchReport.Retrain(backbone, "onnx", photos, added, data, firstSeconds, first.extracted(),
                    seconds, second.extracted(), second.cached(), second.history().size(),
                    clock.stages());
        }
    }
}
