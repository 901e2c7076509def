package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;

import java.nio.file.Path;

/**
 * The engine pieces the Train pane uses, injectable so tests run on a fake backbone in a second.
 *
 * @param backbones    what the settings offer when the pane opens
 * @param trainJobs    makes the job one Retrain runs
 * @param backboneJobs downloads and imports backbones, and reads the list again
 */
public record TrainServices(BackboneRegistry backbones, TrainJobFactory trainJobs, BackboneJobs backboneJobs) {

    /** Makes a training job for a dataset and config, or one that resumes a run. */
    @FunctionalInterface
    public interface TrainJobFactory {
        /** @param resume the id of the run to continue ({@link TrainJob#resume}), or null for a new run */
        Job<RunRecord> create(Path dataset, RunHistory runs, TrainingConfig config, String resume);
    }

    public TrainServices(BackboneRegistry backbones, TrainJobFactory trainJobs) {
        this(backbones, trainJobs, BackboneJobs.standard(() -> backbones));
    }

    /**
     * Every backbone this user has, run by DL4J: what the studio uses. Each run reads the list again, so a backbone
     * downloaded or imported since the pane opened is found.
     */
    public static TrainServices defaults() {
        ExtractorFactory extractors = KeptExtractors.studio();
        return new TrainServices(BackboneRegistry.standard(), (dataset, runs, config, resume) -> m -> job(
                new TrainWorkflow(BackboneRegistry.standard(), extractors), runs, dataset, config, resume).run(m),
                BackboneJobs.standard(BackboneRegistry::standard));
    }

    public static TrainServices of(BackboneRegistry backbones, ExtractorFactory extractors) {
        return new TrainServices(backbones, (dataset, runs, config, resume) -> job(
                new TrainWorkflow(backbones, extractors), runs, dataset, config, resume));
    }

    private static TrainJob job(TrainWorkflow workflow, RunHistory runs, Path dataset, TrainingConfig config,
                                String resume) {
        return resume == null ? new TrainJob(workflow, runs, dataset, config)
                : TrainJob.resume(workflow, runs, dataset, resume);
    }
}
