package dev.loupe.engine.workflow;

import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.features.ImageProblem;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.HeadChoice;
import dev.loupe.engine.training.TrainingConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param extracted  features computed in this run
 * @param cached     features taken from the cache
 * @param evaluation on the validation split (on the training images when there is none: see {@code evaluatedOn})
 * @param config     the settings the head was trained with: the chosen ones when they were searched for
 * @param headChoice what the head search chose and why; null when the settings were given
 * @param fineTune   what was fine-tuned, with {@code history} then the fine-tuning's epochs; null for the head alone
 */
public record TrainOutcome(Path model, ModelManifest manifest, List<EpochMetrics> history, int bestEpoch,
                           int extracted, int cached, List<ImageProblem> problems, List<String> warnings,
                           EvaluationReport evaluation, String evaluatedOn, long millis, TrainingConfig config,
                           HeadChoice headChoice, FineTuneSummary fineTune) {

    /** The same outcome with its model copied to {@code copy} ({@code loupe train -o} copies the run's model). */
    public TrainOutcome withModel(Path copy) {
        return new TrainOutcome(copy, manifest, history, bestEpoch, extracted, cached, problems, warnings, evaluation,
                evaluatedOn, millis, config, headChoice, fineTune);
    }
}
