package dev.loupe.engine.workflow;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.ChosenHead;
import dev.loupe.engine.training.HeadChoice;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.HeadTrial;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.training.TrainingRows;
import dev.loupe.testing.EpochRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The head a fine-tuning run chose, kept for its resume: read back as it was saved; a kept head or a recorded choice
 * that does not fit the run (untrusted files) is refused in one sentence; without the file the chosen setting is
 * trained again, with no search.
 */
class KeptHeadTest {

    @TempDir
    Path dir;

    private final TrainingConfig config = TrainingConfig.defaults().withBackbone("mobilenet-v1-0.25").withFineTune(1);
    private final HeadSetting softmax = new HeadSetting(0, 0, 0.01, config.learningRate());
    private final HeadChoice choice = new HeadChoice(softmax, "the validation split (12 images)",
            List.of(new HeadTrial(softmax, 0.9, 0.3, 20, 5, false)), false, false);

    @Test
    void aKeptHeadComesBackAsSavedAndOneThatDoesNotFitIsRefusedInOneSentence() throws Exception {
        BackboneDescriptor backbone = BackboneRegistry.bundled().require("mobilenet-v1-0.25");
        LabelledFeatures train = rows(backbone.featureDim(), 30, 1);
        LabelledFeatures validation = rows(backbone.featureDim(), 12, 2);
        TrainingConfig chosen = config.withHead(softmax, true).withAugmentations(0);
        ChosenHead head = new ChosenHead(new HeadTrainer().train(train, validation, 2, chosen, JobMonitor.silent()),
                chosen, choice);
        Path file = dir.resolve("head.loupe");
        EpochRecorder said = EpochRecorder.all();
        new KeptHead(file, null).save(head, List.of("a", "b"), backbone, said);
        assertThat(said.partials).as("the choice, for the run's record").containsExactly(choice);

        ChosenHead back = new KeptHead(file, choice).restore(TrainingRows.of(train), validation, List.of("a", "b"),
                backbone, config, JobMonitor.silent());
        assertThat(back.head().network().params()).isEqualTo(head.head().network().params());
        assertThat(back.head().temperature()).isEqualTo(head.head().temperature());
        assertThat(back.config()).isEqualTo(chosen);
        assertThat(back.choice()).isEqualTo(choice);

        assertThatThrownBy(() -> new KeptHead(file, choice).restore(TrainingRows.of(train), validation,
                List.of("a", "c"), backbone, config, JobMonitor.silent()))
                .hasMessageContaining("was trained for other classes, another backbone or another setting")
                .hasMessageContaining("cannot be resumed").hasMessageNotContaining("\n");
        Files.write(file, new byte[]{1, 2, 3});
        assertThatThrownBy(() -> new KeptHead(file, choice).restore(TrainingRows.of(train), validation,
                List.of("a", "b"), backbone, config, JobMonitor.silent()))
                .hasMessageContaining("The head kept in " + file + " cannot be read");
        HeadChoice untried = new HeadChoice(new HeadSetting(64, 0, 0.01, 0.003), choice.method(), choice.trials(),
                false, false);
        assertThatThrownBy(() -> new KeptHead(file, untried).restore(TrainingRows.of(train), validation,
                List.of("a", "b"), backbone, config, JobMonitor.silent()))
                .hasMessageContaining("a setting the search did not try");

        // Without the file (a kill before it was written): the chosen setting again, no search.
        EpochRecorder again = EpochRecorder.all();
        ChosenHead retrained = new KeptHead(dir.resolve("none.loupe"), choice).restore(TrainingRows.of(train),
                validation, List.of("a", "b"), backbone, config, again);
        assertThat(again.stages).doesNotContain("Choosing head settings");
        assertThat(retrained.head().network().params()).isEqualTo(head.head().network().params());
    }

    private static LabelledFeatures rows(int features, int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < features; j++) {
                x[i][j] = (float) r.nextGaussian() + (j < 8 ? 2 * y[i] : 0);
            }
        }
        return new LabelledFeatures(x, y);
    }
}
