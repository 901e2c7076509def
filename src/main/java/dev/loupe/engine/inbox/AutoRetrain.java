package dev.loupe.engine.inbox;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The inbox's background retrain: an ordinary training run on the cached features (the labelled photos were all
 * extracted when the inbox loaded, so nothing is extracted), with the dataset's next-run settings but the head of
 * {@link #settings}, recorded as automatic. When it finishes it becomes the selected run (so the next
 * {@link InboxJob#forSelectedRun} suggests with it) and the older automatic runs the user did not keep are removed
 * ({@link RunHistory#pruneAutomatic}).
 */
public final class AutoRetrain {

    /**
     * Retrain after this many new labels (and when the user pauses). A retrain on 1,000 cached photos took 0.25 to
     * 0.38 s ({@code loupe bench}'s retrain part, docs/benchmarks.md), far less than labelling ten photos takes, so
     * the suggestions never lag more than ten labels behind; the labelling benchmark's smallest batches are ten
     * (docs/labelling.md).
     */
    public static final int DEFAULT_EVERY = 10;

    /**
     * The automatic retrain's regularisation: L2 = {@code PER_LABEL_C}<sup>-1</sup> / labelled photos, i.e.
     * scikit-learn's logistic regression with a fixed C of 0.01 per labelled photo. A fixed C is a penalty that
     * weakens as labels grow (the loss L2 weighs is a mean over the photos): strong on the first few dozen labels,
     * little on thousands. C = 0.01 was the best of the simulations with a converged learner on Fashion-MNIST
     * (docs/labelling.md).
     */
    public static final double PER_LABEL_C = 0.01;

    private AutoRetrain() {
    }

    /**
     * The one rule for the labelling loop's retrains, the studio's and the labelling benchmark's: softmax regression
     * fitted to convergence (deterministic, so a retrain after ten more labels moves only as far as the labels do,
     * and the order is not blurred by the head's noise), no head search, L2 by {@link #PER_LABEL_C}; the rest of
     * {@code base} (backbone, validation split, class weights) as it is. Runs the user starts keep their own settings.
     */
    public static TrainingConfig settings(TrainingConfig base, int labelled) {
        double l2 = 1 / (PER_LABEL_C * Math.max(1, labelled));
        return base.withHead(new HeadSetting(0, 0, l2, base.learningRate()), false);
    }

    /** The retrain job for the dataset at {@code dataset}: run it on the studio's {@code JobExecutor}. */
    public static Job<RunRecord> job(BackboneRegistry backbones, ExtractorFactory extractors, Path dataset)
            throws IOException {
        RunHistory history = RunHistory.of(dataset);
        TrainingConfig base = history.nextSettings().orElse(TrainingConfig.defaults());
        return monitor -> {
            // Counted in the job, off the caller's thread: the labelled photos are what the L2 follows.
            TrainingConfig config = settings(base, new DatasetScanner().scan(dataset).images().size());
            return new TrainJob(new TrainWorkflow(backbones, extractors), history, dataset, config, true)
                    .run(monitor);
        };
    }
}
