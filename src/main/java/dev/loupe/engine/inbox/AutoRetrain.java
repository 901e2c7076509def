package dev.loupe.engine.inbox;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The inbox's background retrain: an ordinary training run on the cached features (the labelled photos were all
 * extracted when the inbox loaded, so nothing is extracted), with the dataset's next-run settings, recorded as
 * automatic. When it finishes it becomes the selected run (so the next {@link InboxJob#forSelectedRun} suggests with
 * it) and the older automatic runs the user did not keep are removed ({@link RunHistory#pruneAutomatic}).
 */
public final class AutoRetrain {

    /**
     * Retrain after this many new labels (and when the user pauses). A retrain on 1,000 cached photos took 0.25 to
     * 0.38 s ({@code loupe bench}'s retrain part, docs/benchmarks.md), far less than labelling ten photos takes, so
     * the suggestions never lag more than ten labels behind; the labelling benchmark's smallest batches are ten
     * (docs/labelling.md).
     */
    public static final int DEFAULT_EVERY = 10;

    private AutoRetrain() {
    }

    /** The retrain job for the dataset at {@code dataset}: run it on the studio's {@code JobExecutor}. */
    public static Job<RunRecord> job(BackboneRegistry backbones, ExtractorFactory extractors, Path dataset)
            throws IOException {
        RunHistory history = RunHistory.of(dataset);
        TrainingConfig config = history.nextSettings().orElse(TrainingConfig.defaults());
        return new TrainJob(new TrainWorkflow(backbones, extractors), history, dataset, config, true);
    }
}
