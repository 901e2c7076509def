package dev.loupe.ui.classify;

import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.dataset.edit.Step;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pane's logic with inline jobs and inline "FX" callbacks: no screen, no threads. */
class ClassifyViewModelTest {

    @TempDir Path tmp;
    private Path root;
    private Path model;
    private FakeBackend backend;
    private DatasetSession session;
    private ClassifyViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        root = TestImages.dataset(tmp.resolve("colours"), 6, Color.RED, Color.GREEN, Color.BLUE);
        model = Files.writeString(tmp.resolve("colours.loupe"), "fake");
        backend = new FakeBackend();
        session = DatasetSession.open(root, SessionServices.inline());
        vm = new ClassifyViewModel(session, JobExecutor.inline(), backend);
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void aDamagedModelIsRefusedAndThePreviousOneKeptWithItsMap() throws Exception {
        vm.setActive(true);
        vm.modelProperty().set(model);
        var shown = vm.scatterProperty().get();
        assertThat(shown).isNotNull();
        Path damaged = Files.writeString(tmp.resolve("damaged.loupe"), "damaged");
        vm.modelProperty().set(damaged);
        // The refused file must not look loaded: the chip and the map are the kept model's, and the message says so.
        assertThat(vm.modelProperty().get()).isEqualTo(model);
        assertThat(session.classifyModelProperty().get()).isEqualTo(model);
        assertThat(vm.modelInfoProperty().get().name()).isEqualTo("colours.loupe, trained on colours");
        assertThat(vm.scatterProperty().get()).isSameAs(shown);
        assertThat(vm.messageProperty().get()).startsWith("Could not use damaged.loupe: ")
                .contains("Train the model again").endsWith("Classify still uses the model it used before.");
    }

    @Test
    void asksForAModelFirstAndTheChipNamesTheOneChosenAndTheDatasetItWasTrainedOn() {
        vm.setActive(true);
        vm.classify(List.of(root.resolve("red/img0.png")));
        assertThat(vm.messageProperty().get()).contains("Choose a model");
        assertThat(backend.classifyCalls).isZero();
        vm.modelProperty().set(model);
        assertThat(session.classifyModelProperty().get()).isEqualTo(model);
        assertThat(vm.modelInfoProperty().get().name()).isEqualTo("colours.loupe, trained on colours");
        assertThat(vm.modelWarningProperty().get()).isEmpty();
    }

    /**
     * Issue 17: the model was a global preference, so after training flowers and opening another dataset, Classify
     * still answered with the flowers model. The model is the session's: none for a dataset without runs, that
     * dataset's selected run otherwise, and a model of other classes says so.
     */
    @Test
    void aModelNeverFollowsTheUserToAnotherDatasetAndAForeignModelIsFlagged() throws Exception {
        vm.modelProperty().set(model);
        vm.setActive(true);
        session.close();
        Path shapes = TestImages.dataset(tmp.resolve("shapes"), 3, Color.RED, Color.BLUE);
        Files.move(shapes.resolve("red"), shapes.resolve("circles"));
        Files.move(shapes.resolve("blue"), shapes.resolve("squares"));

        try (DatasetSession other = DatasetSession.open(shapes, SessionServices.inline())) {
            ClassifyViewModel there = new ClassifyViewModel(other, JobExecutor.inline(), backend);
            assertThat(there.modelProperty().get()).as("no model carried over from colours").isNull();
            there.classify(List.of(shapes.resolve("circles/img0.png")));
            assertThat(there.messageProperty().get()).contains("Choose a model");

            there.modelProperty().set(model); // the user picks the colours model by hand
            assertThat(there.modelWarningProperty().get()).contains("does not know circles, squares")
                    .contains("answers with red, green, blue");
        }
        String run = finishedRun(shapes, "labels:circles,squares;dataset:" + shapes);
        try (DatasetSession reopened = DatasetSession.open(shapes, SessionServices.inline())) {
            ClassifyViewModel there = new ClassifyViewModel(reopened, JobExecutor.inline(), backend);
            assertThat(there.modelProperty().get()).isEqualTo(reopened.runs().modelPath(run));
            assertThat(there.modelInfoProperty().get().name()).isEqualTo("run " + run + " of shapes");
            assertThat(there.modelWarningProperty().get()).isEmpty();
        }
        try (DatasetSession back = DatasetSession.open(root, SessionServices.inline())) {
            ClassifyViewModel colours = new ClassifyViewModel(back, JobExecutor.inline(), backend);
            colours.modelProperty().set(RunHistory.of(shapes).modelPath(run)); // another dataset's run, by hand
            assertThat(colours.modelInfoProperty().get().name()).isEqualTo("run " + run + " of shapes");
            assertThat(colours.modelWarningProperty().get()).contains("does not know blue, green, red");
        }
    }

    /**
     * Issue 17 (done means): the chip named a run by its id while the Train pane's run list showed the name the user
     * gave it. It names the run as that list does (the session's run names, which Train keeps), and its dataset.
     */
    @Test
    void theChipNamesARunAsTheRunListDoesAndFollowsARename() throws Exception {
        String run = finishedRun(root, "fake");
        session.close();
        session = DatasetSession.open(root, SessionServices.inline());
        vm = new ClassifyViewModel(session, JobExecutor.inline(), backend);
        assertThat(vm.modelInfoProperty().get().name()).as("before Train has read its history")
                .isEqualTo("run " + run + " of colours");

        session.runNames().put(run, "MobileNet v1 0.75"); // what Train publishes for it
        assertThat(vm.modelInfoProperty().get().name()).isEqualTo("MobileNet v1 0.75, run of colours");
        session.runNames().put(run, "with crops"); // renamed in Train
        assertThat(vm.modelInfoProperty().get().name()).isEqualTo("with crops, run of colours");

        RunHistory.of(root).rename(run, "first try"); // another dataset's run, chosen by hand, by its own name
        Path shapes = TestImages.dataset(tmp.resolve("shapes"), 3, Color.RED, Color.BLUE);
        try (DatasetSession other = DatasetSession.open(shapes, SessionServices.inline())) {
            ClassifyViewModel there = new ClassifyViewModel(other, JobExecutor.inline(), backend);
            there.modelProperty().set(RunHistory.of(root).modelPath(run));
            assertThat(there.modelInfoProperty().get().name()).isEqualTo("first try, run of colours");
        }
    }

    /** A finished run of {@code dataset} whose model file holds {@code modelText}, selected for Classify. */
    static String finishedRun(Path dataset, String modelText) throws Exception {
        RunHistory runs = RunHistory.of(dataset);
        RunRecord r = runs.start(TrainingConfig.defaults());
        runs.save(new RunRecord(r.formatVersion(), r.id(), RunState.FINISHED, r.startedAt(), r.startedAt() + 1,
                r.pid(), r.processStart(), r.config(), List.of(), 0, 0, 0, null, null, List.of(),
                RunRecord.MODEL_FILE, null));
        Files.writeString(runs.modelPath(r.id()), modelText);
        runs.select(r.id());
        return r.id();
    }

    @Test
    void oneDroppedPhotoGetsLabelsAPlaceOnTheMapAndSimilarImages() {
        vm.modelProperty().set(model);
        vm.setActive(true);
        assertThat(vm.scatterProperty().get()).isNotNull();
        assertThat(vm.scatterProperty().get().size()).isEqualTo(18);
        assertThat(vm.scatterProperty().get().classes()).containsExactly("blue", "green", "red");
        assertThat(vm.classes()).containsExactly("blue", "green", "red");

        Path photo = TestImages.png(tmp.resolve("photo.png"), Color.RED, 32, 99);
        vm.classify(List.of(photo));
        ClassifiedImage result = vm.currentProperty().get();
        assertThat(result.label()).isEqualTo("red");
        assertThat(result.prediction().top()).hasSize(3);
        assertThat(result.placement()).isNotNull();
        assertThat(result.similar()).hasSize(ClassifyViewModel.NEIGHBOURS);
        assertThat(result.similar().get(0).label()).isEqualTo("red");
        assertThat(result.similar().subList(0, 6)).allMatch(s -> s.label().equals("red"));
    }

    @Test
    void aFolderFillsTheTableAndExportsCsv() throws Exception {
        vm.modelProperty().set(model);
        vm.setActive(true);
        Path folder = TestImages.dataset(tmp.resolve("new"), 2, Color.GREEN, Color.BLUE);
        Files.writeString(folder.resolve("green/broken.png"), "nope");
        vm.classify(List.of(folder));
        assertThat(vm.results()).hasSize(5);
        assertThat(vm.messageProperty().get()).isEqualTo("5 images classified (1 unreadable)");
        Path csv = tmp.resolve("out.csv");
        vm.exportCsv(csv);
        assertThat(Files.readAllLines(csv)).hasSize(6).first().isEqualTo("path,label,probability,top_k,error");
    }

    @Test
    void csvExportOntoAClassifiedPhotoIsRefusedAndThePhotoKept() throws Exception {
        vm.modelProperty().set(model);
        vm.setActive(true);
        Path photo = TestImages.png(tmp.resolve("photo.png"), Color.RED, 32, 99);
        byte[] bytes = Files.readAllBytes(photo);
        vm.classify(List.of(photo));
        vm.exportCsv(photo);
        assertThat(vm.messageProperty().get()).startsWith("Could not export: Loupe will not write " + photo);
        vm.exportCsv(root.resolve("green/results.csv"));
        assertThat(vm.messageProperty().get()).contains("class folder 'green'");
        assertThat(Files.readAllBytes(photo)).isEqualTo(bytes);
        assertThat(root.resolve("green/results.csv")).doesNotExist();
    }

    @Test
    void lowConfidenceIsFlagged() {
        vm.modelProperty().set(model);
        Path grey = TestImages.png(tmp.resolve("grey.png"), Color.GRAY, 32, 5);
        vm.classify(List.of(grey));
        assertThat(vm.currentProperty().get().prediction().confident()).isFalse();
    }

    @Test
    void addToClassCopiesThePhotoInAndUndoTakesItOut() {
        vm.modelProperty().set(model);
        vm.setActive(true);
        Path photo = TestImages.png(tmp.resolve("photo.png"), Color.RED, 32, 99);
        vm.classify(List.of(photo));
        vm.addToClass(vm.currentProperty().get(), "red");
        assertThat(root.resolve("red/photo.png")).exists();
        assertThat(photo).exists();
        vm.undo();
        assertThat(root.resolve("red/photo.png")).doesNotExist();
        assertThat(vm.messageProperty().get()).startsWith("Undid: ");
    }

    @Test
    void redoPutsTheAddedPhotoBackAndTheMenuStatesFollow() {
        vm.modelProperty().set(model);
        vm.setActive(true);
        assertThat(vm.canUndoProperty().get()).isFalse();
        assertThat(vm.canRedoProperty().get()).isFalse();
        Path photo = TestImages.png(tmp.resolve("photo.png"), Color.RED, 32, 99);
        vm.classify(List.of(photo));
        vm.addToClass(vm.currentProperty().get(), "red");
        assertThat(vm.canUndoProperty().get()).isTrue();
        assertThat(vm.canRedoProperty().get()).isFalse();

        vm.undo();
        assertThat(root.resolve("red/photo.png")).doesNotExist();
        assertThat(vm.canUndoProperty().get()).isFalse();
        assertThat(vm.canRedoProperty().get()).isTrue();

        vm.redo(); // what Edit > Redo calls
        assertThat(root.resolve("red/photo.png")).exists();
        assertThat(vm.messageProperty().get()).startsWith("Redid: ");
        assertThat(vm.canUndoProperty().get()).isTrue();
        assertThat(vm.canRedoProperty().get()).isFalse();

        vm.redo();
        assertThat(vm.messageProperty().get()).isEqualTo("Nothing to redo");
    }

    @Test
    void undoAndRedoWalkTheHistoryTheOtherPanesShare() throws Exception {
        vm.modelProperty().set(model);
        vm.setActive(true);
        vm.setActive(false);
        // What Curate does: an edit through the session's editor, while Classify is not shown.
        Edit move = session.editor().moveImages(List.of("green/img0.png"), "blue").orElseThrow();
        Path moved = root.resolve(move.steps().stream().filter(s -> s.kind() == Step.Kind.MOVE).findFirst()
                .orElseThrow().to());
        assertThat(moved).exists();
        vm.setActive(true);
        assertThat(vm.canUndoProperty().get()).isTrue();

        vm.undo();
        assertThat(root.resolve("green/img0.png")).exists();
        assertThat(moved).doesNotExist();
        assertThat(vm.canRedoProperty().get()).isTrue();

        vm.redo();
        assertThat(moved).exists();
        assertThat(root.resolve("green/img0.png")).doesNotExist();
        assertThat(session.editor().nextRedo()).isEmpty();
    }

    /**
     * Issue 21: photos added in the file manager are placed on the map as it stands (no new t-SNE: the other points
     * stay put), and the message says the map is approximate until recomputed; removed photos leave it.
     */
    @Test
    void photosAddedOutsideArePlacedOnTheMapWhichSaysItIsApproximate() throws Exception {
        vm.modelProperty().set(model);
        vm.setActive(true);
        ScatterData before = vm.scatterProperty().get();
        assertThat(vm.messageProperty().get()).isEqualTo("Map of 18 images ready");
        for (int i = 0; i < 3; i++) {
            TestImages.png(root.resolve("red/new" + i + ".png"), Color.RED, 32, 200 + i);
        }
        Files.delete(root.resolve("blue/img0.png"));
        vm.updateMap(); // what the folder watcher's change event calls

        ScatterData after = vm.scatterProperty().get();
        assertThat(after.size()).isEqualTo(20);
        assertThat(vm.messageProperty().get())
                .isEqualTo("Map of 20 images: 3 new images placed among neighbours, approximate until you map "
                        + "the dataset again");
        for (int i = 0; i < after.size(); i++) {
            Path file = after.files().get(i);
            int was = before.files().indexOf(file);
            if (was >= 0) {
                assertThat(after.layout().x()[i]).as("%s stays put", file).isEqualTo(before.layout().x()[was]);
            } else {
                assertThat(file.getFileName().toString()).startsWith("new");
                assertThat(nearestClass(before, after.layout().x()[i], after.layout().y()[i]))
                        .as("%s placed among the red photos", file).isEqualTo("red");
            }
        }
        assertThat(after.files()).doesNotContain(root.resolve("blue/img0.png"));
    }

    private static String nearestClass(ScatterData map, float x, float y) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < map.size(); j++) {
            double dx = map.layout().x()[j] - x;
            double dy = map.layout().y()[j] - y;
            if (dx * dx + dy * dy < bestD) {
                bestD = dx * dx + dy * dy;
                best = j;
            }
        }
        return map.classes().get(map.classOf()[best]);
    }

    @Test
    void partialLayoutsReachTheScatterThroughPoll() throws Exception {
        session.close();
        try (JobExecutor background = JobExecutor.background();
             DatasetSession mapped = DatasetSession.open(root, new SessionServices(background, Runnable::run,
                     JobExecutor::inline))) {
            SlowMapBackend slow = new SlowMapBackend(backend);
            ClassifyViewModel live = new ClassifyViewModel(mapped, JobExecutor.inline(), slow);
            live.setActive(true);
            int seen = 0;
            for (int i = 0; i < 1000 && live.mappingProperty().get(); i++) {
                Thread.sleep(10);
                live.poll();
                slow.polled();
                var s = live.scatterProperty().get();
                if (s != null && s.layout().iteration() > 0 && !s.layout().finished()) {
                    seen++;
                }
            }
            assertThat(seen).isPositive();
            assertThat(live.scatterProperty().get().layout().finished()).isTrue();
        }
    }

    /** Issue 17: a drawn house was "tulips 89 %" with nothing near it in the dataset; now it says so. */
    @Test
    void aPhotoUnlikeTheWholeDatasetIsFlaggedAndOneLikeAClassIsNot() {
        vm.modelProperty().set(model);
        vm.setActive(true);
        vm.classify(List.of(TestImages.png(tmp.resolve("grey.png"), Color.GRAY, 32, 5)));
        assertThat(vm.currentProperty().get().unfamiliar()).isTrue();
        vm.classify(List.of(TestImages.png(tmp.resolve("red.png"), Color.RED, 32, 7)));
        assertThat(vm.currentProperty().get().unfamiliar()).isFalse();
    }

    @Test
    void aPhotoIsAddedOnceAndOneFromTheDatasetNotAtAll() {
        vm.modelProperty().set(model);
        vm.setActive(true);
        Path photo = TestImages.png(tmp.resolve("new-red.png"), new Color(200, 30, 30), 32, 11);
        vm.classify(List.of(photo));
        vm.addToClass(vm.currentProperty().get(), "red");
        vm.addToClass(vm.currentProperty().get(), "red");
        assertThat(vm.messageProperty().get()).startsWith("This photo was already added as red/new-red.png");
        assertThat(root.resolve("red/new-red (2).png")).doesNotExist();

        vm.classify(List.of(root.resolve("green/img0.png")));
        vm.addToClass(vm.currentProperty().get(), "green");
        assertThat(vm.messageProperty().get()).startsWith("This photo is already in the dataset");
    }

    /** Issue 17: placing each result scanned the whole dataset on the FX thread; it happens in the job now. */
    @Test
    void resultsArePlacedOnTheMapOffTheFxThread() throws Exception {
        session.close();
        java.util.concurrent.ExecutorService fxThread = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "fx"));
        java.util.Set<String> placedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ClassifyBackend recording = new RecordingIndexBackend(backend, placedOn);
        try (JobExecutor compute = JobExecutor.background();
             DatasetSession live = DatasetSession.open(root, new SessionServices(compute, fxThread,
                     JobExecutor::background))) {
            ClassifyViewModel there = fxThread.submit(() -> {
                ClassifyViewModel v = new ClassifyViewModel(live, live.queue("classify"), recording);
                v.modelProperty().set(model);
                v.setActive(true);
                return v;
            }).get();
            awaitOn(fxThread, () -> there.scatterProperty().get() != null && !there.mappingProperty().get());
            placedOn.clear();
            Path photo = TestImages.png(tmp.resolve("placed.png"), Color.BLUE, 32, 3);
            fxThread.submit(() -> there.classify(List.of(photo))).get();
            awaitOn(fxThread, () -> there.currentProperty().get() != null
                    && there.currentProperty().get().placement() != null);
            assertThat(placedOn).isNotEmpty().doesNotContain("fx");
        } finally {
            fxThread.shutdownNow();
        }
    }

    private static void awaitOn(java.util.concurrent.ExecutorService fx, java.util.concurrent.Callable<Boolean> test)
            throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!fx.submit(test).get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fx.submit(test).get()).isTrue();
    }
}
