package dev.loupe.engine.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.finetune.FineTuneSettings;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunHistoryTest {

    @TempDir Path root;
    @TempDir Path out;
    private final FakeExtractor fake = new FakeExtractor();
    // No variants: these runs count photos (the default's variants: AugmentedTrainingTest).
    private final TrainingConfig config = TrainingConfig.defaults().withBackbone("fake").withEpochs(40)
            .withAugmentations(0);
    private TrainWorkflow workflow;

    @BeforeEach
    void setUp() {
        TestImages.dataset(root, 8, Color.RED, Color.GREEN, Color.BLUE);
        workflow = new TrainWorkflow(BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR)), fake.factory());
    }

    private RunRecord train() throws Exception {
        return new TrainJob(workflow, RunHistory.of(root), root, config).run(JobMonitor.silent());
    }

    @Test
    void aFinishedRunIsPersistedWithItsModelAndSelectedAcrossReopen() throws Exception {
        RunRecord run = train();
        RunHistory reopened = RunHistory.of(root);
        RunRecord read = reopened.get(run.id()).orElseThrow();
        assertThat(read.state()).isEqualTo(RunState.FINISHED);
        assertThat(read.config()).isEqualTo(config);
        assertThat(read.history()).isNotEmpty().extracting(EpochMetrics::epoch).startsWith(1, 2, 3);
        assertThat(read.extracted()).isEqualTo(24);
        assertThat(read.evaluation().labels()).containsExactly("blue", "green", "red");
        assertThat(read.evaluation().confusion()).isDeepEqualTo(run.evaluation().confusion());
        assertThat(read.durationMillis()).isPositive();
        assertThat(ModelFiles.readManifest(reopened.modelPath(run.id())).labels()).hasSize(3);
        assertThat(reopened.selected()).contains(run.id());
        assertThat(root.resolve(".loupe/runs/" + run.id() + "/model.loupe")).exists();
    }

    @Test
    void theSecondRunReusesCachedFeaturesAndListsNewestFirst() throws Exception {
        RunRecord first = train();
        RunRecord second = train();
        assertThat(second.cached()).isEqualTo(24);
        assertThat(second.extracted()).isZero();
        assertThat(RunHistory.of(root).list()).extracting(RunRecord::id).containsExactly(second.id(), first.id());
    }

    @Test
    void aFineTuningRunRecordsItsFineTuningSettingsAndAnOlderRecordWithoutThemStillReads() throws Exception {
        TrainingConfig fineTuning = config.withFineTune(1);
        RunHistory history = RunHistory.of(root);
        RunRecord started = history.start(fineTuning);
        RunRecord read = RunHistory.of(root).get(started.id()).orElseThrow();
        assertThat(read.fineTune()).isEqualTo(FineTuneSettings.forRun(fineTuning));
        assertThat(read.epochLimit()).isEqualTo(FineTuneSettings.forRun(fineTuning).epochs());
        assertThat(history.start(config).fineTune()).as("the head alone").isNull();

        Path file = root.resolve(".loupe/runs/" + started.id() + "/run.json");
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        json.remove("fineTune"); // as written before runs recorded it
        Files.writeString(file, json.toString());
        RunRecord old = RunHistory.of(root).get(started.id()).orElseThrow();
        assertThat(old.fineTune()).isNull();
        assertThat(old.epochLimit()).isEqualTo(RunRecord.UNRECORDED_FINE_TUNE_EPOCHS);

        json.set("fineTune", new ObjectMapper().valueToTree(FineTuneSettings.forRun(fineTuning)));
        ((ObjectNode) json.get("fineTune")).put("epochs", -1);
        Files.writeString(file, json.toString());
        assertThat(RunHistory.of(root).list()).as("a run file that is not sense is skipped, not misread")
                .extracting(RunRecord::id).doesNotContain(started.id()).isNotEmpty();
    }

    @Test
    void aRunLeftRunningByADeadProcessIsMarkedInterruptedOnTheNextOpen() throws Exception {
        RunHistory history = RunHistory.of(root);
        RunRecord live = history.start(config);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RunRecord dead = new RunRecord(1, live.id(), RunState.RUNNING, live.startedAt(), 0, gone.pid(),
                gone.info().startInstant().map(i -> i.toEpochMilli()).orElse(1L), config, List.of(), 0, 0, 0, null,
                null, List.of(), null, null);
        history.save(dead);
        RunRecord other = history.start(config);

        List<RunRecord> listed = RunHistory.of(root).list();
        assertThat(listed).filteredOn(r -> r.id().equals(live.id())).singleElement()
                .extracting(RunRecord::state).isEqualTo(RunState.INTERRUPTED);
        assertThat(listed).filteredOn(r -> r.id().equals(other.id())).singleElement()
                .extracting(RunRecord::state).isEqualTo(RunState.RUNNING);
        assertThat(RunFiles.read(history.directory().resolve(live.id())).state()).isEqualTo(RunState.INTERRUPTED);
    }

    @Test
    void cancellingStopsAtTheNextEpochAndRecordsTheEpochsSoFar() throws Exception {
        JobExecutor jobs = JobExecutor.inline();
        List<EpochMetrics> seen = new ArrayList<>();
        var handle = jobs.submit("Train", m -> new TrainJob(workflow, RunHistory.of(root), root, config)
                .run(new CancelAfter(m, 3, seen)));
        assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
        RunRecord run = RunHistory.of(root).list().get(0);
        assertThat(run.state()).isEqualTo(RunState.CANCELLED);
        assertThat(run.history()).hasSize(3);
        assertThat(seen).hasSize(3);
        assertThat(RunHistory.of(root).selected()).isEmpty();
        assertThatThrownBy(() -> RunHistory.of(root).select(run.id())).hasMessageContaining("no model");
    }

    /** Issue 17: the user names runs; the name is kept beside the run, versioned, and survives reopening. */
    @Test
    void aRunKeepsTheNameTheUserGaveIt() throws Exception {
        RunHistory history = RunHistory.of(root);
        RunRecord a = history.start(config);
        RunRecord b = history.start(config);
        history.rename(a.id(), "  flowers   with crops ");
        assertThat(RunHistory.of(root).names()).containsExactly(java.util.Map.entry(a.id(), "flowers with crops"));
        Path file = history.directory().resolve(a.id()).resolve("name.json");
        assertThat(Files.readString(file)).contains("\"formatVersion\" : 1");
        history.rename(a.id(), " ");
        assertThat(history.names()).as("a blank name gives back the automatic one").isEmpty();
        assertThatThrownBy(() -> history.rename(b.id(), "x".repeat(RunHistory.MAX_NAME + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> history.rename("nope", "x")).isInstanceOf(java.nio.file.NoSuchFileException.class);
        Files.writeString(file, "{\"formatVersion\": 2, \"name\": \"from the future\"}");
        assertThat(history.names()).as("a newer format is not misread").isEmpty();
    }

    @Test
    void selectDeleteToTrashAndExport() throws Exception {
        RunRecord first = train();
        RunRecord second = train();
        RunHistory history = RunHistory.of(root);
        history.select(first.id());
        assertThat(RunHistory.of(root).selectedModel()).contains(history.modelPath(first.id()));

        history.export(second.id(), out.resolve("exported.loupe"));
        assertThat(ModelFiles.readManifest(out.resolve("exported.loupe")).labels()).hasSize(3);

        history.delete(first.id());
        assertThat(history.list()).extracting(RunRecord::id).containsExactly(second.id());
        assertThat(history.selected()).isEmpty();
        assertThat(root.resolve(".loupe/trash/runs/" + first.id() + "/model.loupe")).exists();
        assertThat(root.resolve("red")).isDirectory();
        assertThat(Files.list(root.resolve("red")).count()).isEqualTo(8);
    }

    /** Forwards to the job's monitor and asks for cancellation once {@code after} epochs were reported. */
    private static final class CancelAfter extends ForwardingMonitor {
        private final int after;
        private final List<EpochMetrics> seen;

        CancelAfter(JobMonitor out, int after, List<EpochMetrics> seen) {
            super(out);
            this.after = after;
            this.seen = seen;
        }

        @Override
        public boolean isCancelled() {
            return seen.size() >= after || super.isCancelled();
        }

        @Override
        public void partial(Partial record) {
            if (record instanceof EpochMetrics m) { // TrainJob also reports its run, recorded running
                seen.add(m);
            }
            super.partial(record);
        }
    }
}
