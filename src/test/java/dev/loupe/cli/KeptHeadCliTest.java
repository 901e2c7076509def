package dev.loupe.cli;

import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fine-tuning run whose top scores below the head alone keeps the head: {@code loupe train} saves that model, says
 * so, and exits 0. Until 2026-12-04 its report read the metrics of "epoch 0 - 1" and the command failed after saving
 * ("Index -1 out of bounds"), as it did on the 200 flowers with MobileNet v1 0.25 and the default settings.
 */
class KeptHeadCliTest {

    private static final String RATE = "loupe.finetune.learningRate";

    @TempDir
    Path dir;

    @Test
    void aFineTuningRunWhoseTopLosesToTheHeadSavesTheHeadAndSaysSo() throws Exception {
        Path ds = TrainResumeCliTest.flowers(dir.resolve("flowers"));
        Path model = dir.resolve("kept.loupe");
        // A rate far too high for a pretrained block (the default is 3e-4): its top cannot score above the head.
        System.setProperty(RATE, "0.05");
        CliRun train;
        try {
            train = CliRun.of("train", ds.toString(), "--fine-tune", "1", "--backbone", "mobilenet-v1-0.25", "-o",
                    model.toString());
        } finally {
            System.clearProperty(RATE);
        }
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("so the model keeps the head alone on the stock backbone")
                .contains("Saved " + model);
        ModelBundle kept = ModelFiles.load(model);
        assertThat(kept.patch()).as("the head alone, on the stock backbone").isNull();
        RunRecord run = RunHistory.of(ds).list().get(0);
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(run.bestEpoch()).as("no fine-tuning epoch kept").isZero();
        assertThat(run.history()).as("the epochs it tried are still recorded").isNotEmpty();
    }
}
