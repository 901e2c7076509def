package dev.loupe.ui.train;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import org.junit.jupiter.api.AfterEach;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The pane's logic with jobs and "FX" callbacks run inline (a background queue only where cancelling needs one). */
class TrainViewModelTest {

    @TempDir Path root;
    @TempDir Path elsewhere;
    private final List<DatasetSession> sessions = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestImages.dataset(root, 8, Color.RED, Color.GREEN, Color.BLUE);
    }

    @AfterEach
    void tearDown() {
        sessions.forEach(DatasetSession::close);
    }

    /** A view model in a new session of the dataset, as the studio makes one when the dataset is opened. */
    private TrainViewModel vm(JobExecutor jobs, TrainServices services) throws Exception {
        sessions.forEach(DatasetSession::close);
        DatasetSession session = DatasetSession.open(root, new SessionServices(jobs, Runnable::run,
                JobExecutor::inline));
        sessions.add(session);
        TrainViewModel vm = new TrainViewModel(session, services);
        vm.settings().epochsProperty().set(30);
        return vm;
    }

    @Test
    void metricsArriveInOrderAndTheFinishedRunIsShownWithItsEvaluation() throws Exception {
        TrainViewModel vm = vm(JobExecutor.inline(), FakeTraining.services());
        List<Integer> added = new ArrayList<>();
        vm.metrics().addListener((ListChangeListener<EpochMetrics>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(m -> added.add(m.epoch()));
            }
        });
        vm.retrain();
        vm.poll();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(added).isNotEmpty().startsWith(1, 2, 3);
        assertThat(added.subList(0, vm.metrics().size())).isSorted();
        assertThat(vm.runs()).singleElement().extracting(RunRecord::state).isEqualTo(RunState.FINISHED);
        assertThat(vm.shownRunProperty().get()).isEqualTo(vm.runs().get(0));
        assertThat(vm.evaluation().reportProperty().get().labels()).containsExactly("blue", "green", "red");
        assertThat(vm.bestEpochProperty().get()).isPositive();
        assertThat(vm.classifyRunProperty().get()).isEqualTo(vm.runs().get(0).id());
        assertThat(vm.messageProperty().get()).isEqualTo("Training finished");
        // By default the head is chosen by the search, and the run says what it chose and why.
        assertThat(vm.runs().get(0).headChoice()).isNotNull();
        assertThat(vm.stageProperty().get()).contains(". Head: " + vm.runs().get(0).headChoice().reason());
    }

    @Test
    void resumeOffersOnlyACutShortFineTuningRunWithACheckpointAndContinuesThatRun() throws Exception {
        RunHistory history = RunHistory.of(root);
        TrainingConfig tuning = TrainingConfig.defaults().withBackbone("fake").withFineTune(1);
        RunRecord withCheckpoint = history.start(tuning);
        history.save(withCheckpoint.ended(RunState.CANCELLED, null, List.of(new EpochMetrics(1, 0.5, 0.8, 0.6, 0.7)),
                System.currentTimeMillis()));
        java.nio.file.Files.writeString(history.checkpointPath(withCheckpoint.id()), "state");
        RunRecord without = history.start(tuning);
        history.save(without.ended(RunState.CANCELLED, null, List.of(), System.currentTimeMillis()));
        RunRecord head = history.start(TrainingConfig.defaults().withBackbone("fake"));
        history.save(head.ended(RunState.CANCELLED, null, List.of(new EpochMetrics(1, 0.5, 0.8, 0.6, 0.7)),
                System.currentTimeMillis()));
        List<String> resumed = new ArrayList<>();
        TrainServices services = new TrainServices(FakeTraining.services().backbones(),
                (dataset, runs, config, resume) -> {
                    resumed.add(resume);
                    return m -> runs.get(resume).orElseThrow();
                });
        TrainViewModel vm = vm(JobExecutor.inline(), services);

        assertThat(vm.resumable()).containsExactly(withCheckpoint.id());
        // The others say why in one sentence, where the run is described, rather than leave Resume greyed out.
        assertThat(vm.notResumable()).containsOnlyKeys(without.id(), head.id());
        assertThat(vm.notResumable().get(head.id())).contains("trained a head alone").doesNotContain("\n");
        vm.select(List.of(row(vm, head.id())));
        assertThat(vm.stageProperty().get()).contains("cancelled").endsWith("keeps no checkpoint to resume from (it "
                + "takes seconds): train again");
        vm.select(List.of(row(vm, without.id())));
        assertThat(vm.stageProperty().get()).contains("stopped before its first fine-tuning epoch ended");
        vm.resume(vm.runs().stream().filter(r -> r.id().equals(without.id())).findFirst().orElseThrow());
        vm.resume(row(vm, head.id()));
        assertThat(resumed).as("nothing to resume from").isEmpty();
        vm.resume(vm.runs().stream().filter(r -> r.id().equals(withCheckpoint.id())).findFirst().orElseThrow());
        assertThat(resumed).containsExactly(withCheckpoint.id());
    }

    /** A fine-tuning run that kept its head kept none of its epochs: the charts mark none as the kept weights. */
    @Test
    void aFineTuningRunThatKeptItsHeadMarksNoEpochAsKept() throws Exception {
        RunHistory history = RunHistory.of(root);
        RunRecord run = history.start(TrainingConfig.defaults().withBackbone("fake").withFineTune(1));
        history.save(run.ended(RunState.FINISHED, null, List.of(new EpochMetrics(1, 0.5, 0.8, 0.6, 0.7),
                new EpochMetrics(2, 0.4, 0.9, 0.7, 0.7)), System.currentTimeMillis()));
        TrainViewModel vm = vm(JobExecutor.inline(), FakeTraining.services());
        vm.select(List.of(row(vm, run.id())));
        assertThat(vm.metrics()).hasSize(2);
        assertThat(vm.bestEpochProperty().get()).as("no epoch's weights were kept").isZero();
    }

    /**
     * A resumed run's row shows it running while it runs, as a fresh run's does, not as it ended. The run is
     * resumed by the real TrainJob and held once it is recorded running; the fake backbone cannot fine-tune, so
     * released it fails, and its row says so.
     */
    @Test
    void aResumedRunsRowShowsItRunningWhileItRunsThenHowItEnded() throws Exception {
        RunHistory history = RunHistory.of(root);
        RunRecord cut = history.start(TrainingConfig.defaults().withBackbone("fake").withFineTune(1));
        history.save(cut.ended(RunState.INTERRUPTED, "Loupe stopped during this run",
                List.of(new EpochMetrics(1, 0.5, 0.8, 0.6, 0.7)), System.currentTimeMillis()));
        java.nio.file.Files.writeString(history.checkpointPath(cut.id()), "state");
        try (JobExecutor jobs = JobExecutor.background()) {
            FakeTraining.EpochGate gate = new FakeTraining.EpochGate(0);
            try {
                TrainViewModel vm = vm(jobs, FakeTraining.gated(gate));
                assertThat(row(vm, cut.id()).state()).isEqualTo(RunState.INTERRUPTED);
                vm.resume(row(vm, cut.id()));
                assertThat(gate.reached.await(10, TimeUnit.MINUTES)).as("the run recorded running").isTrue();
                vm.poll();
                assertThat(vm.runs()).hasSize(1);
                assertThat(row(vm, cut.id()).state()).isEqualTo(RunState.RUNNING);
                assertThat(vm.shownRunProperty().get().id()).as("its row is the selected one").isEqualTo(cut.id());
                assertThat(vm.resumable()).isEmpty();
                assertThat(vm.runningProperty().get()).isTrue();
                gate.released.countDown();
                pollUntilStopped(vm);
                assertThat(vm.runningProperty().get()).isFalse();
                assertThat(row(vm, cut.id()).state()).isEqualTo(RunState.FAILED);
            } finally {
                gate.released.countDown();
            }
        }
    }

    /** Polls as the pane's timer does until the run has ended (the guard is against a hang, not a deadline). */
    private static void pollUntilStopped(TrainViewModel vm) throws InterruptedException {
        long guard = System.currentTimeMillis() + 600_000;
        while (vm.runningProperty().get() && System.currentTimeMillis() < guard) {
            Thread.sleep(20);
            vm.poll();
        }
    }

    private static RunRecord row(TrainViewModel vm, String id) {
        return vm.runs().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void cancelStopsTheRunAtTheNextEpoch() throws Exception {
        try (JobExecutor jobs = JobExecutor.background()) {
            FakeTraining.EpochGate gate = new FakeTraining.EpochGate(3);
            try {
                TrainViewModel vm = vm(jobs, FakeTraining.gated(gate));
                vm.settings().epochsProperty().set(500);
                vm.retrain();
                // The run is held inside epoch 3's report until released: the cancel below lands between two epochs
                // whatever the machine's load (the guard is against a hang, not a time the run must keep to).
                assertThat(gate.reached.await(10, TimeUnit.MINUTES)).as("epoch 3 reached").isTrue();
                vm.poll();
                assertThat(vm.stageProperty().get()).startsWith("Training: epoch");
                int atCancel = vm.metrics().size();
                assertThat(atCancel).isEqualTo(3);
                // A fresh run has its row, running and selected, while it runs.
                assertThat(vm.runs()).singleElement().extracting(RunRecord::state).isEqualTo(RunState.RUNNING);
                assertThat(vm.shownRunProperty().get()).isEqualTo(vm.runs().get(0));
                vm.cancel();
                gate.released.countDown();
                pollUntilStopped(vm);
                assertThat(vm.runningProperty().get()).isFalse();
                assertThat(vm.messageProperty().get()).isEqualTo("Training cancelled");
                // Issue 17: the job's progress ("Augmenting … about 21 s left") went on showing after Cancel.
                assertThat(vm.detailProperty().get()).isEmpty();
                assertThat(vm.stageProperty().get()).startsWith("Run ").contains("cancelled");
                RunRecord run = RunHistory.of(root).list().get(0);
                assertThat(run.state()).isEqualTo(RunState.CANCELLED);
                assertThat(run.history().size()).as("stopped at the next epoch").isEqualTo(atCancel);
                assertThat(vm.metrics()).extracting(EpochMetrics::epoch).isSorted();
            } finally {
                gate.released.countDown(); // never leave the job thread held, whatever failed
            }
        }
    }

    @Test
    void historyPersistsAndSettingsFollowTheNewestRun() throws Exception {
        TrainViewModel first = vm(JobExecutor.inline(), FakeTraining.services());
        first.settings().seedProperty().set(7);
        first.retrain();
        first.poll();
        first.retrain();
        first.poll();
        String older = first.runs().get(1).id();
        first.useForClassify(first.runs().get(1));
        first.compareRunProperty().set(first.runs().get(1));
        assertThat(first.compareMetrics()).isNotEmpty();

        TrainViewModel again = vm(JobExecutor.inline(), FakeTraining.services());
        assertThat(again.runs()).hasSize(2);
        assertThat(again.classifyRunProperty().get()).isEqualTo(older);
        assertThat(again.settings().toConfig().seed()).isEqualTo(7);
        again.delete(again.runs().get(1));
        assertThat(again.runs()).hasSize(1);
        assertThat(again.classifyRunProperty().get()).isNull();
    }

    @Test
    void aMisclassifiedImageCanBeMovedToItsClassAndBack() throws Exception {
        TrainViewModel vm = vm(JobExecutor.inline(), FakeTraining.services());
        // Blue images labelled red; the split by content hash sends some of them to validation.
        for (int i = 0; i < 8; i++) {
            TestImages.png(root.resolve("red/odd" + i + ".png"), Color.BLUE, 32, 99 + i);
        }
        vm.retrain();
        vm.poll();
        EvaluationModel eval = vm.evaluation();
        eval.showCell("red", "blue");
        assertThat(eval.cellImages()).as("blue images labelled red, in the validation split").isNotEmpty();
        String odd = eval.cellImages().get(0).relativePath();
        Path moved = root.resolve("blue").resolve(Path.of(odd).getFileName());
        eval.move(odd, "blue");
        assertThat(moved).exists();
        assertThat(paths(eval)).doesNotContain(odd);
        assertThat(eval.canUndoProperty().get()).isTrue();
        eval.undo();
        assertThat(root.resolve(odd)).exists();
        assertThat(moved).doesNotExist();
        assertThat(eval.messageProperty().get()).startsWith("Undid: ");
        assertThat(paths(eval)).as("back in the cell it was moved from").contains(odd);
        assertThat(eval.canRedoProperty().get()).isTrue();
        eval.redo();
        assertThat(moved).exists();
        assertThat(paths(eval)).doesNotContain(odd);
    }

    /**
     * Issue 17: augmentations set on the flowers applied silently to the next dataset opened. Settings are the
     * dataset's, kept in its .loupe folder even before a run, and a changed Advanced value shows in the title.
     */
    @Test
    void settingsBelongToTheirDatasetAndComeBackWithIt() throws Exception {
        TrainViewModel flowers = vm(JobExecutor.inline(), FakeTraining.services());
        flowers.settings().augmentationsProperty().set(12);
        assertThat(flowers.settings().advancedChanges()).isEqualTo("augmentations 12");

        Path other = TestImages.dataset(elsewhere.resolve("fashion"), 3, Color.RED, Color.BLUE);
        try (DatasetSession second = DatasetSession.open(other, new SessionServices(JobExecutor.inline(),
                Runnable::run, JobExecutor::inline))) {
            TrainViewModel fashion = new TrainViewModel(second, FakeTraining.services());
            assertThat(fashion.settings().augmentationsProperty().get()).isEqualTo(TrainingConfig.DEFAULT_AUGMENTATIONS);
            assertThat(fashion.settings().advancedChanges()).isEmpty();
        }
        TrainViewModel again = vm(JobExecutor.inline(), FakeTraining.services());
        assertThat(again.settings().augmentationsProperty().get()).isEqualTo(12);
    }

    /**
     * Issue 17: Compare was select A, press Compare, select B (and with one run compared it with itself). Two runs
     * selected are compared; runs are named by what sets them apart; an early stop says why.
     */
    @Test
    void twoSelectedRunsAreComparedAndRunsAreNamedByWhatDiffers() throws Exception {
        TrainViewModel vm = vm(JobExecutor.inline(), FakeTraining.services());
        vm.settings().epochsProperty().set(500);
        vm.retrain();
        vm.poll();
        vm.settings().augmentationsProperty().set(2);
        vm.retrain();
        vm.poll();
        RunRecord newer = vm.runs().get(0);
        RunRecord older = vm.runs().get(1);

        vm.select(List.of(newer));
        assertThat(vm.compareRunProperty().get()).isNull();
        vm.select(List.of(newer, older));
        assertThat(vm.shownRunProperty().get().id()).isEqualTo(newer.id());
        assertThat(vm.compareRunProperty().get().id()).isEqualTo(older.id());
        assertThat(vm.compareMetrics()).isNotEmpty();
        vm.select(List.of(newer, newer));
        assertThat(vm.compareRunProperty().get()).as("never a run with itself").isNull();

        assertThat(RunNames.of(newer, vm.runs(), id -> id)).isEqualTo("2 augmentations");
        assertThat(RunNames.of(older, vm.runs(), id -> id)).isEqualTo("auto augmentations");
        assertThat(newer.history().size()).as("the fake stops early").isLessThan(500);
        assertThat(StageText.summary(newer)).startsWith("Run of ").contains("Stopped at epoch " + newer.history().size() + " of 500: "
                + "validation loss stopped improving after epoch " + newer.bestEpoch());
    }

    /** Issue 17: a run the user renamed keeps its name in the list, and in the next session of the dataset. */
    @Test
    void aRenamedRunKeepsItsNameAcrossSessions() throws Exception {
        TrainViewModel vm = vm(JobExecutor.inline(), FakeTraining.services());
        vm.retrain();
        vm.poll();
        vm.settings().augmentationsProperty().set(2);
        vm.retrain();
        vm.poll();
        RunRecord newer = vm.runs().get(0);
        assertThat(vm.name(newer)).isEqualTo("2 augmentations");
        vm.rename(newer, "with crops");
        assertThat(vm.name(newer)).isEqualTo("with crops");
        assertThat(vm.messageProperty().get()).isEqualTo("Renamed run " + newer.id() + " to with crops");

        TrainViewModel again = vm(JobExecutor.inline(), FakeTraining.services());
        assertThat(again.name(again.runs().get(0))).isEqualTo("with crops");
        assertThat(again.name(again.runs().get(1))).isEqualTo("auto augmentations");
        again.rename(again.runs().get(0), "");
        assertThat(again.name(again.runs().get(0))).as("blank: named by its settings again")
                .isEqualTo("2 augmentations");
        assertThat(sessions.get(sessions.size() - 1).runNames()).as("what Classify's chip reads")
                .containsEntry(again.runs().get(0).id(), "2 augmentations")
                .containsEntry(again.runs().get(1).id(), "auto augmentations");
        again.rename(again.runs().get(1), "plain");
        assertThat(sessions.get(sessions.size() - 1).runNames()).containsEntry(again.runs().get(1).id(), "plain");
        again.rename(again.runs().get(0), "x".repeat(200));
        assertThat(again.messageProperty().get()).startsWith("Rename run failed: ").contains("at most 80");
    }

    private static List<String> paths(EvaluationModel eval) {
        return eval.cellImages().stream().map(m -> m.relativePath()).toList();
    }
}
