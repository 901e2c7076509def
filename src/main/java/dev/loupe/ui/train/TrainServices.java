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
 * @param backbones what the settings offer
 * @param trainJobs makes the job one Retrain runs
 */
public record TrainServices(BackboneRegistry backbones, TrainJobFactory trainJobs) {

    /** Makes a training job for a dataset and config. */
    @FunctionalInterface
    public interface TrainJobFactory {
        Job<RunRecord> create(Path dataset, RunHistory runs, TrainingConfig config);
    }

    /** The bundled backbones run by DL4J: what the studio uses. */
    public static TrainServices defaults() {
        return of(BackboneRegistry.standard(), KeptExtractors.studio());
    }

    public static TrainServices of(BackboneRegistry backbones, ExtractorFactory extractors) {
        return new TrainServices(backbones, (dataset, runs, config) -> new TrainJob(
                new TrainWorkflow(backbones, extractors), runs, dataset, config));
    }
}
