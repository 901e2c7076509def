package dev.loupe.engine.workflow;

import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.Evaluator;
import dev.loupe.engine.model.FinalMetrics;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A model's figures: its best epoch's, or, for a fine-tuning run that kept its head (epoch 0), the head's. */
class ManifestFactoryTest {

    private final List<EpochMetrics> tuned = List.of(new EpochMetrics(1, 0.03, 1, 0.79, 0.76),
            new EpochMetrics(2, 0.02, 1, 0.80, 0.76), new EpochMetrics(3, 0.01, 1, 0.82, 0.76));
    private final EvaluationReport report = Evaluator.evaluate(List.of("a", "b"),
            new float[][]{{0.9f, 0.1f}, {0.2f, 0.8f}, {0.6f, 0.4f}, {0.3f, 0.7f}}, new int[]{0, 1, 1, 1},
            List.of("a/1.jpg", "b/1.jpg", "b/2.jpg", "b/3.jpg"));

    @Test
    void aKeptEpochGivesItsFigures() {
        FinalMetrics m = metrics(2);
        assertThat(m.bestEpoch()).isEqualTo(2);
        assertThat(m.epochsRun()).isEqualTo(3);
        assertThat(m.validationLoss()).isEqualTo(0.80);
    }

    @Test
    void aFineTuningRunThatKeptItsHeadSavesWithTheHeadsAccuracyInsteadOfFailing() {
        FinalMetrics m = metrics(0);
        assertThat(m.bestEpoch()).isZero();
        assertThat(m.epochsRun()).isEqualTo(3);
        assertThat(m.validationAccuracy()).isEqualTo(report.accuracy()).isEqualTo(0.75);
        assertThat(m.validationLoss()).isNaN();
    }

    private FinalMetrics metrics(int bestEpoch) {
        return ManifestFactory.provenance(TrainingConfig.defaults(), Path.of("flowers"), "fp", Map.of("a", 1, "b", 3),
                tuned, bestEpoch, report, 4, 4).metrics();
    }
}
