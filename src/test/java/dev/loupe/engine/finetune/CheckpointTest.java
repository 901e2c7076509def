package dev.loupe.engine.finetune;

import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.HeadSetting;
import dev.loupe.engine.training.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import dev.loupe.testing.EpochRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A fine-tuning run cancelled after an epoch and resumed from its checkpoint ends as the uninterrupted run with the
 * same seed does (the flowers, the last block of MobileNet v1 0.25); a checkpoint made on other photos, settings or
 * blocks, or damaged, is refused in one sentence before the backbone runs.
 */
class CheckpointTest {

    private static final FineTuneSettings SETTINGS = FineTuneSettings.defaults(7).withEpochs(4);
    private static final String NAME = "checkpoint.bin";

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        FineTunerTest.load();
    }

    @Test
    void aRunCancelledAfterItsFirstEpochAndResumedEndsAsTheUninterruptedRun() throws Exception {
        EpochRecorder all = EpochRecorder.all();
        FineTuner.Result whole = tune(1, SETTINGS, FineTunerTest.train, Checkpoint.at(dir.resolve("whole.bin")), all);

        EpochRecorder first = new EpochRecorder(1);
        Path file = dir.resolve("run").resolve(NAME);
        assertThatThrownBy(() -> tune(1, SETTINGS, FineTunerTest.train, Checkpoint.at(file), first))
                .isInstanceOf(CancelledException.class);
        assertThat(first.epochs).hasSize(1);
        assertThat(file).isRegularFile();
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).as("no temporary file left beside it").containsExactly(file);
        }

        EpochRecorder rest = EpochRecorder.all();
        FineTuner.Result resumed = tune(1, SETTINGS, FineTunerTest.train, Checkpoint.resumeFrom(file), rest);
        assertThat(resumed.history()).hasSizeGreaterThan(1).isEqualTo(whole.history());
        assertThat(rest.epochs).as("the epochs run before come first, so the charts are whole")
                .isEqualTo(whole.history());
        assertThat(resumed.bestEpoch()).isEqualTo(whole.bestEpoch());
        assertThat(resumed.startAccuracy()).isEqualTo(whole.startAccuracy());
        INDArray a = whole.network().params();
        INDArray b = resumed.network().params();
        double worst = a.sub(b).amaxNumber().doubleValue();
        System.out.printf("resume: %d weights, largest difference from the uninterrupted run %.3g%n", a.length(),
                worst);
        assertThat(worst).as("the same weights").isEqualTo(0.0);
        assertThat(resumed.validation()).isDeepEqualTo(whole.validation());
        assertThat(resumed.temperature()).isEqualTo(whole.temperature());
    }

    @Test
    void aCheckpointFromOtherSettingsPhotosOrBlocksIsRefusedBeforeTheBackboneRuns() throws Exception {
        Path file = dir.resolve(NAME);
        tune(1, SETTINGS.withEpochs(1), FineTunerTest.train, Checkpoint.at(file), EpochRecorder.all());
        Path cache = dir.resolve("other-cache");

        refused(1, FineTuneSettings.defaults(8).withEpochs(1), FineTunerTest.train, file, cache,
                "other fine-tuning settings");
        int[] relabelled = FineTunerTest.train.y().clone();
        relabelled[0] = (relabelled[0] + 1) % FineTunerTest.CLASSES;
        refused(1, SETTINGS.withEpochs(1), new FineTuner.Photos(FineTunerTest.train.files(),
                FineTunerTest.train.hashes(), relabelled), file, cache, "other photos or labels");
        refused(2, SETTINGS.withEpochs(1), FineTunerTest.train, file, cache,
                "the last 1 block(s) of mobilenet-v1-0.25, not the last 2 of mobilenet-v1-0.25");
        assertThat(cache).as("refused before the backbone ran to the cut").doesNotExist();
    }

    @Test
    void aDamagedMissingOrForeignCheckpointIsRefusedInOneSentence() throws Exception {
        Path file = dir.resolve(NAME);
        tune(1, SETTINGS.withEpochs(1), FineTunerTest.train, Checkpoint.at(file), EpochRecorder.all());
        byte[] good = Files.readAllBytes(file);
        Path cache = dir.resolve("other-cache");

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x10;
        Files.write(file, flipped);
        refused(1, SETTINGS.withEpochs(1), FineTunerTest.train, file, cache, "is damaged (its checksum");
        Files.write(file, java.util.Arrays.copyOf(good, good.length / 3));
        refused(1, SETTINGS.withEpochs(1), FineTunerTest.train, file, cache, "is damaged");
        Files.writeString(file, "not a checkpoint at all, just words");
        refused(1, SETTINGS.withEpochs(1), FineTunerTest.train, file, cache, "is not a Loupe fine-tuning checkpoint");
        byte[] newer = good.clone();
        newer[7] = 9; // the version's last byte
        Files.write(file, newer);
        refused(1, SETTINGS.withEpochs(1), FineTunerTest.train, file, cache, "format 9; this Loupe reads 1");
        Files.delete(file);
        refused(1, SETTINGS.withEpochs(1), FineTunerTest.train, file, cache, "no checkpoint to resume from");
    }

    private void refused(int blocks, FineTuneSettings settings, FineTuner.Photos train, Path file, Path cache,
                         String why) {
        EpochRecorder watcher = EpochRecorder.all();
        assertThatThrownBy(() -> new FineTuner().tune(BackboneTop.find(FineTunerTest.backbone, blocks), train,
                FineTunerTest.validation, FineTunerTest.CLASSES, start(), settings, cache,
                Checkpoint.resumeFrom(file), watcher))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why)
                .hasMessageNotContaining("\n");
        assertThat(watcher.stages).doesNotContain(FineTuner.CUT_STAGE);
    }

    private FineTuner.Result tune(int blocks, FineTuneSettings settings, FineTuner.Photos train, Checkpoint checkpoint,
                                  EpochRecorder watcher) throws Exception {
        return new FineTuner().tune(BackboneTop.find(FineTunerTest.backbone, blocks), train,
                FineTunerTest.validation, FineTunerTest.CLASSES, start(), settings, dir.resolve("cache"), checkpoint,
                watcher);
    }

    private static StartHead start() {
        return StartHead.of(FineTunerTest.head, TrainingConfig.defaults().withHead(new HeadSetting(0, 0, 1e-2, 3e-3),
                false), FineTunerTest.trainFeatures, FineTunerTest.validationFeatures, FineTunerTest.CLASSES,
                JobMonitor.silent());
    }
}
