package dev.loupe.engine.training;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.NdArrays;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run trains by default: the head the search chose, holding the score the search measured for it. */
class ChosenHeadTest {

    private final TrainingConfig config = TrainingConfig.defaults().withEpochs(60);

    @Test
    void theDefaultsSearchAndTheRunsModelScoresWhatTheSearchMeasuredForItsChoice() {
        assertThat(TrainingConfig.defaults().autoHead()).isTrue();
        // Noisy, overlapping classes and over 500 training images: scored on the validation split.
        LabelledFeatures train = Blobs.make(4, 130, 24, 3.0, 1);
        LabelledFeatures validation = Blobs.make(4, 60, 24, 3.0, 2);
        ChosenHead chosen = ChosenHead.train(TrainingRows.of(train), validation, 4, config, JobMonitor.silent());

        HeadChoice choice = chosen.choice();
        assertThat(choice).isNotNull();
        assertThat(choice.trials()).hasSizeGreaterThan(1);
        // Given no variants, the run records none (auto, the default, is resolved to a count before any training).
        assertThat(chosen.config()).isEqualTo(config.withHead(choice.chosen(), true).withAugmentations(0));
        // The model the run saves and evaluates gets the validation accuracy the search measured for its choice.
        assertThat(accuracy(chosen.head(), validation)).isEqualTo(choice.best().accuracy());
        assertThat(choice.reason()).startsWith(choice.chosen().describe()).contains("the validation split (240 images)");
    }

    @Test
    void headSettingsAsGivenAreTrainedAsGivenWithNoChoice() {
        LabelledFeatures train = Blobs.make(3, 40, 16, 2.0, 3);
        LabelledFeatures validation = Blobs.make(3, 10, 16, 2.0, 4);
        TrainingConfig given = config.withHead(config.head(), false);
        ChosenHead chosen = ChosenHead.train(TrainingRows.of(train), validation, 3, given, JobMonitor.silent());
        assertThat(chosen.choice()).isNull();
        assertThat(chosen.config()).isEqualTo(given);
    }

    /** Share of rows whose most probable class is their label, as the run's evaluation counts it. */
    private static double accuracy(TrainedHead head, LabelledFeatures data) {
        float[][] p = NdArrays.toRows(head.network().output(
                NdArrays.fromRows(head.scaler().apply(data.x()), data.x()[0].length), false));
        return Losses.accuracy(p, data.y());
    }
}
