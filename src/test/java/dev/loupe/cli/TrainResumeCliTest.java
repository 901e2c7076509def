package dev.loupe.cli;

import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.faults.ChildJvm;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-line path a user takes: {@code loupe train --fine-tune 1} on the flowers is a recorded run of the
 * dataset; stopped by a signal after its first epoch (a real second process: the shutdown hook is Ctrl+C's path) it
 * is listed cancelled and resumable, with no half-written file; {@code loupe runs resume} then ends it with exactly
 * the weights, epochs and evaluation of an uninterrupted run. A head trained alone is refused in one sentence.
 */
class TrainResumeCliTest {

    private static final String BACKBONE = "mobilenet-v1-0.25";

    @TempDir
    Path dir;

    @Test
    void aFineTuningRunStoppedAfterAnEpochResumesFromTheCommandLineToTheUninterruptedWeights() throws Exception {
        Path ds = flowers(dir.resolve("flowers"));
        Path whole = dir.resolve("whole.loupe");
        CliRun first = CliRun.of("train", ds.toString(), "--fine-tune", "1", "--backbone", BACKBONE, "-o",
                whole.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Recorded as run ");
        RunHistory history = RunHistory.of(ds);
        RunRecord uncut = history.list().get(0);
        assertThat(uncut.state()).isEqualTo(RunState.FINISHED);
        assertThat(history.selected()).contains(uncut.id());
        assertThat(uncut.history()).as("room to stop it part-way").hasSizeGreaterThan(1);

        Path cutModel = dir.resolve("cut.loupe");
        String said = stopAfterFirstEpoch(ds, cutModel);
        RunRecord cut = history.list().get(0);
        assertThat(cut.id()).isNotEqualTo(uncut.id());
        assertThat(cut.state()).isEqualTo(RunState.CANCELLED);
        assertThat(cut.history()).hasSizeBetween(1, uncut.history().size() - 1);
        assertThat(history.resumable(cut)).isTrue();
        assertThat(said).contains("Run " + cut.id() + " is recorded as cancelled after ")
                .contains("loupe runs resume " + ds + " " + cut.id());
        try (Stream<Path> files = Files.list(history.directory().resolve(cut.id()))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the record, the checkpoint and the chosen head, whole; no temporary file")
                    .containsExactlyInAnyOrder("run.json", RunRecord.CHECKPOINT_FILE, RunRecord.HEAD_FILE);
        }
        assertThat(cutModel).as("-o is written only by a run that finished").doesNotExist();
        CliRun listed = CliRun.of("runs", ds.toString());
        assertThat(listed.out().lines().filter(l -> l.contains(cut.id())).findFirst().orElseThrow())
                .contains("cancelled").contains("resumable");

        Path resumedModel = dir.resolve("resumed.loupe");
        CliRun resume = CliRun.of("runs", "resume", ds.toString(), cut.id(), "-o", resumedModel.toString());
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("model " + resumedModel);
        assertThat(history.get(cut.id()).orElseThrow().headChoice())
                .as("it goes on with the head choice it recorded before stopping (a search again would time its trials anew)")
                .isNotNull().isEqualTo(cut.headChoice());
        RunRecord resumed = history.get(cut.id()).orElseThrow();
        assertThat(resumed.state()).isEqualTo(RunState.FINISHED);
        assertThat(resumed.history()).isEqualTo(uncut.history());
        assertThat(resumed.bestEpoch()).isEqualTo(uncut.bestEpoch());
        assertThat(resumed.evaluation().confusion()).isDeepEqualTo(uncut.evaluation().confusion());
        assertThat(history.checkpointPath(cut.id())).doesNotExist();
        assertThat(history.headPath(cut.id())).doesNotExist();
        assertThat(history.selected()).contains(cut.id());
        ModelBundle a = ModelFiles.load(whole);
        assertThat(history.modelPath(cut.id())).isRegularFile();
        ModelBundle b = ModelFiles.load(resumedModel);
        double worst = a.head().params().sub(b.head().params()).amaxNumber().doubleValue();
        Map<String, INDArray> patchA = flat(a);
        Map<String, INDArray> patchB = flat(b);
        assertThat(patchB.keySet()).isNotEmpty().isEqualTo(patchA.keySet());
        for (String k : patchA.keySet()) {
            worst = Math.max(worst, patchA.get(k).sub(patchB.get(k)).amaxNumber().doubleValue());
        }
        System.out.printf("CLI resume: %d epochs, largest weight difference from the uninterrupted run %.3g%n",
                resumed.history().size(), worst);
        assertThat(worst).as("the same weights, head and fine-tuned block").isEqualTo(0.0);
    }

    @Test
    void aHeadTrainedAloneIsNotOfferedForResumeAndIsRefusedInOneSentence() throws Exception {
        Path ds = flowers(dir.resolve("flowers"));
        CliRun train = CliRun.of("train", ds.toString(), "--backbone", BACKBONE, "-o", dir.resolve("h.loupe")
                .toString(), "-q");
        assertThat(train.exitCode()).as(train.err()).isZero();
        RunRecord head = RunHistory.of(ds).list().get(0);
        assertThat(CliRun.of("runs", ds.toString()).out()).contains(head.id()).doesNotContain("resumable");
        CliRun resume = CliRun.of("runs", "resume", ds.toString(), head.id());
        assertThat(resume.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(resume.err().strip()).startsWith("loupe: Run " + head.id() + " trained a head alone, which keeps "
                + "no checkpoint to resume from").doesNotContain("\n");
    }

    /** Trains in a second JVM, sends it SIGTERM (as Ctrl+C, through the shutdown hook) at its first epoch. */
    private static String stopAfterFirstEpoch(Path ds, Path model) throws Exception {
        Process p = ChildJvm.builder("dev.loupe.Launcher", "train", ds.toString(), "--fine-tune", "1",
                "--backbone", BACKBONE, "-o", model.toString()).start();
        StringBuilder said = new StringBuilder();
        try (BufferedReader out = ChildJvm.reader(p)) {
            ChildJvm.awaitLine(p, out, "epoch   1");
            p.toHandle().destroy(); // SIGTERM; Process.destroy() would close the output still to be read
            for (String line; (line = out.readLine()) != null; ) {
                said.append(line).append('\n');
            }
        } finally {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(p.exitValue()).as(said.toString()).isNotZero();
        return said.toString();
    }

    /** Three classes of 30 flowers each, copied from the shared flowers. */
    static Path flowers(Path root) throws Exception {
        for (String label : List.of("daisy", "roses", "tulips")) {
            Files.createDirectories(root.resolve(label));
            try (Stream<Path> photos = Files.list(SharedData.flowers().resolve(label))) {
                for (Path p : photos.sorted().limit(30).toList()) {
                    Files.copy(p, root.resolve(label).resolve(p.getFileName()));
                }
            }
        }
        return root;
    }

    private static Map<String, INDArray> flat(ModelBundle bundle) {
        return bundle.patch().params().entrySet().stream().flatMap(layer -> layer.getValue().entrySet().stream()
                .map(p -> Map.entry(layer.getKey() + "/" + p.getKey(), p.getValue())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
