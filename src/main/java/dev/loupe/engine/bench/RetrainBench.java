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
 * fill the feature cache, {@code added} new photos moved in, and the second job timed from start to saved run. When
 * the defaults search for the head, a third job (nothing new) trains the head as given, to show what the search costs.
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
            double cpu1 = Timing.processCpuSeconds();
            StageClock clock = new StageClock();
            RunRecord second = new TrainJob(workflow, RunHistory.of(dataset), dataset, config).run(clock);
            double seconds = Timing.seconds(t1);
            double cpu = Timing.processCpuSeconds() - cpu1;
            List<BenchReport.Stage> stages = clock.stages();
            // The same retrain again (everything cached now) with the head as given: what the search costs.
            double[] asGiven = {Double.NaN, Double.NaN, Double.NaN};
            if (config.autoHead()) {
                long t2 = System.nanoTime();
                double cpu2 = Timing.processCpuSeconds();
                RunRecord third = new TrainJob(workflow, RunHistory.of(dataset), dataset,
                        config.withHead(config.head(), false)).run(JobMonitor.silent());
                asGiven = new double[] {Timing.seconds(t2), Timing.processCpuSeconds() - cpu2,
                        third.validationAccuracy()};
            }
            kept.close();
            long classes = sources.stream().map(Path::getParent).distinct().count();
            String data = String.format("JPEGs rescaled to %d-100%% from %d photos in %d class folders",
                    Math.round(100 * (1 - 0.5 * rounds / variants)), sources.size(), classes);
            String head = second.headChoice() != null ? second.headChoice().reason()
                    : config.head().describe() + ", as set";
            return new BenchReport.Retrain(backbone, "onnx", photos, added, data, firstSeconds, first.extracted(),
                    seconds, cpu, second.extracted(), second.cached(), second.history().size(),
                    stages, head, second.validationAccuracy(), asGiven[0], asGiven[1], asGiven[2]);
        }
    }
}
