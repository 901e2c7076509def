package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.StoppedEdits;
import dev.loupe.engine.dataset.edit.TestImages;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.ClassPalette;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.JobStatusPoller;
import dev.loupe.ui.common.SessionServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The pane's logic with jobs and "FX" callbacks run inline: no screen, no threads, no waiting. */
class CurateViewModelTest {

    @TempDir
    Path tmp;
    private Path root;
    private DatasetSession session;
    private CurateViewModel vm;
    private Map<String, Integer> before;

    @BeforeEach
    void setUp() throws Exception {
        root = TestImages.smallDataset(tmp.resolve("set"));
        before = TestImages.contents(root);
        session = DatasetSession.open(root, SessionServices.inline());
        vm = new CurateViewModel(session);
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void listsClassesWithCountsAndShowsTheFirstClassImages() {
        assertThat(vm.classes()).containsExactly(new ClassRow("a", 2, 0), new ClassRow("b", 1, 1));
        assertThat(vm.selectedClassProperty().get()).isEqualTo("a");
        assertThat(names()).containsExactly("a/1.png", "a/2.png");
        vm.selectedClassProperty().set("b");
        assertThat(names()).containsExactly("b/3.png");
        assertThat(vm.canUndoProperty().get()).isFalse();
    }

    /**
     * Issue 17, point 18: an import is a job of the studio's edit queue, which the status bar follows, with its
     * progress; not work on a private queue nothing shows.
     */
    @Test
    void anImportRunsOnTheEditQueueTheStatusBarFollows() throws Exception {
        JobExecutor edits = JobExecutor.inline();
        session.close();
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), Runnable::run,
                JobExecutor::inline, edits));
        vm = new CurateViewModel(session);
        Path outside = Files.createDirectories(tmp.resolve("photos"));
        for (int i = 0; i < 4; i++) {
            TestImages.png(outside.resolve("n" + i + ".png"), 40 + i);
        }
        vm.importFiles(List.of(outside), "a", false);
        assertThat(edits.jobs()).singleElement().satisfies(job -> {
            assertThat(job.name()).isEqualTo("Add images");
            assertThat(job.snapshot().stage()).isEqualTo("Add 4 images to a");
            assertThat(job.snapshot().done()).isEqualTo(4);
        });
        assertThat(vm.messageProperty().get()).isEqualTo("Add 4 images to a");
        assertThat(vm.classes()).contains(new ClassRow("a", 6, 0));
    }

    /**
     * Issue 17 (done means): an import that added nothing (only a text file chosen) said "Add images finished" in
     * the status bar; it says what happened, there and in the pane.
     */
    @Test
    void anImportThatAddsNothingSaysSoInTheStatusBar() throws Exception {
        JobExecutor edits = JobExecutor.inline();
        session.close();
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), Runnable::run,
                JobExecutor::inline, edits));
        vm = new CurateViewModel(session);
        JobStatusPoller bar = new JobStatusPoller(edits);
        Path notes = Files.writeString(Files.createDirectories(tmp.resolve("in")).resolve("notes.txt"), "x");

        vm.importFiles(List.of(notes), "a", false);
        bar.refresh();
        assertThat(bar.lastMessage().get()).startsWith("No images added: skipped 1: notes.txt (not an image")
                .doesNotContain("finished");
        assertThat(vm.messageProperty().get()).isEqualTo(bar.lastMessage().get());

        vm.importFiles(List.of(Files.createDirectories(tmp.resolve("empty"))), "a", false);
        bar.refresh();
        assertThat(bar.lastMessage().get()).isEqualTo("No images added: nothing chosen was an image");
        assertThat(TestImages.contents(root)).isEqualTo(before);
    }

    /** Undo and Redo said "Undo finished" in the status bar; they say what they took back or put again. */
    @Test
    void undoAndRedoSayInTheStatusBarWhatTheyDid() throws Exception {
        JobExecutor edits = JobExecutor.inline();
        session.close();
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), Runnable::run,
                JobExecutor::inline, edits));
        vm = new CurateViewModel(session);
        JobStatusPoller bar = new JobStatusPoller(edits);
        vm.importFiles(List.of(TestImages.png(tmp.resolve("in/new.png"), 9)), "b", false);
        bar.refresh();
        assertThat(bar.lastMessage().get()).isEqualTo("Add 1 image to b");

        vm.undo();
        bar.refresh();
        assertThat(bar.lastMessage().get()).isEqualTo("Undid: Add 1 image to b");
        vm.redo();
        bar.refresh();
        assertThat(bar.lastMessage().get()).isEqualTo("Redid: Add 1 image to b");
        vm.undo();
        vm.undo();
        bar.refresh();
        assertThat(bar.lastMessage().get()).isEqualTo("Nothing to undo");
    }

    @Test
    void clickShortcutClickShiftClickAndSelectAll() {
        vm.click("a/1.png", false, false);
        assertThat(vm.selectedInOrder()).containsExactly("a/1.png");
        vm.click("a/2.png", true, false);
        assertThat(vm.selectedInOrder()).containsExactly("a/1.png", "a/2.png");
        vm.click("a/2.png", false, false);
        vm.click("a/1.png", false, true);
        assertThat(vm.selectedInOrder()).containsExactly("a/1.png", "a/2.png");
        vm.step(-1, false);
        assertThat(vm.selectedInOrder()).containsExactly("a/1.png");
        vm.selectAll();
        assertThat(vm.selection()).hasSize(2);
    }

    @Test
    void openingADatasetLeftMidEditSaysSoAndUndoPutsTheFilesBack() throws Exception {
        Path other = TestImages.smallDataset(tmp.resolve("other"));
        Map<String, Integer> untouched = TestImages.contents(other);
        StoppedEdits.stoppedApply(other, "Move 2 images to b",
                List.of(new String[]{"a/1.png", "b/1.png"}, new String[]{"a/2.png", "b/2.png"}), 1);
        try (DatasetSession otherSession = DatasetSession.open(other, SessionServices.inline())) {
            CurateViewModel studio = new CurateViewModel(otherSession);

            assertThat(studio.messageProperty().get()).contains("Loupe was stopped part-way through")
                    .contains("Undo puts every file back");
            assertThat(studio.canUndoProperty().get()).isTrue();
            studio.undo();
            assertThat(other.resolve("a/1.png")).exists();
            assertThat(other.resolve("b/1.png")).doesNotExist();
            assertThat(TestImages.contents(other)).isEqualTo(untouched);
        }
    }

    /**
     * Classify edits through the session's editor, which holds its lock while it moves files: showing Curate again
     * (which reads the Undo and Redo states) must not wait for that, or the whole window freezes.
     */
    @Test
    void readingUndoStatesNeverWaitsForAnEditRunningInAnotherPane() throws Exception {
        session.close();
        try (DatasetSession live = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), Runnable::run,
                JobExecutor::background))) {
            CurateViewModel studio = new CurateViewModel(live);
            DatasetEditor editor = live.editor();
            editor.add("b", List.of(TestImages.png(tmp.resolve("in/new.png"), 9)), false);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread otherPane = new Thread(() -> {
                synchronized (editor) { // as DatasetEditor holds it while an import copies files
                    holding.countDown();
                    awaitQuietly(release);
                }
            });
            otherPane.start();
            holding.await();
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(5), studio::refreshHistory,
                        "the FX thread waited for another pane's edit");
            } finally {
                release.countDown();
                otherPane.join();
            }
            await(() -> studio.canUndoProperty().get());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void importCopiesIntoTheClassAndReportsSkippedFiles() throws Exception {
        Path photo = TestImages.png(tmp.resolve("in/new.png"), 9);
        Files.writeString(tmp.resolve("in/notes.txt"), "x");
        vm.importFiles(List.of(tmp.resolve("in")), "b", false);

        assertThat(vm.classes()).contains(new ClassRow("b", 2, 1));
        assertThat(vm.messageProperty().get()).contains("Add 1 image to b").contains("skipped 1: notes.txt (not an image");
        assertThat(photo).exists();
        assertThat(vm.canUndoProperty().get()).isTrue();
    }

    @Test
    void aDroppedFolderAddsOnlyWhatReadsAsAnImage() throws Exception {
        TestImages.png(tmp.resolve("in/new.png"), 9);
        Path key = Files.writeString(tmp.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        Files.createSymbolicLink(tmp.resolve("in/beach.jpg"), key);
        Files.writeString(tmp.resolve("in/notes.jpg"), "x");
        vm.importFiles(List.of(tmp.resolve("in")), "b", false);

        assertThat(vm.classes()).contains(new ClassRow("b", 2, 1));
        assertThat(vm.messageProperty().get()).contains("Add 1 image to b", "skipped 2: beach.jpg (a link",
                "notes.jpg (not an image (the file holds text))");
    }

    @Test
    void photosTheDatasetLeavesOutAreNamedInTheStatusLine() throws Exception {
        Path other = TestImages.smallDataset(tmp.resolve("other"));
        Files.write(other.resolve("a/IMG_1.HEIC"), new byte[] {1});
        TestImages.png(other.resolve("loose.png"), 5);
        try (DatasetSession otherSession = DatasetSession.open(other, SessionServices.inline())) {
            CurateViewModel studio = new CurateViewModel(otherSession);

            assertThat(studio.messageProperty().get()).contains(
                    "1 HEIC photo is not supported yet: convert it to JPEG or PNG");
            // A photo lying in the dataset folder is in the inbox (issue 19), counted there, not "left out".
            assertThat(studio.messageProperty().get()).doesNotContain("loose.png");
            assertThat(studio.looseProperty().get()).isEqualTo(1);
        }
    }

    @Test
    void deleteSelectionGoesToTheTrashAndUndoBringsItBack() throws Exception {
        vm.selectAll();
        vm.deleteSelection();
        assertThat(names()).isEmpty();
        assertThat(vm.classes()).contains(new ClassRow("a", 0, 0));
        assertThat(TestImages.contents(root)).isEqualTo(before);

        vm.undo();
        assertThat(names()).containsExactly("a/1.png", "a/2.png");
        assertThat(vm.canRedoProperty().get()).isTrue();
        vm.redo();
        assertThat(names()).isEmpty();
    }

    @Test
    void classesCanBeMadeRenamedDeletedAndImagesMovedBetweenThem() throws Exception {
        vm.makeClass("c");
        assertThat(vm.selectedClassProperty().get()).isEqualTo("c");
        vm.moveImages(List.of("a/1.png"), "c");
        assertThat(names()).containsExactly("c/1.png");
        vm.renameClass("c", "cats");
        assertThat(vm.selectedClassProperty().get()).isEqualTo("cats");
        assertThat(names()).containsExactly("cats/1.png");
        vm.deleteClass("cats");
        assertThat(vm.classes()).extracting(ClassRow::name).containsExactly("a", "b");
        assertThat(TestImages.contents(root)).isEqualTo(before);
        vm.undo();
        assertThat(root.resolve("cats/1.png")).exists();
    }

    @Test
    void aClassKeepsItsColourWhenAClassIsAddedBeforeItAndWhenRenamedAndTheDatasetReopened() throws Exception {
        Map<String, Integer> colour = colours();
        assertThat(colour).containsEntry("a", 0).containsEntry("b", 1);
        vm.makeClass("0-first"); // sorts before both: by list position it took a's colour and shifted the others
        assertThat(vm.classes()).extracting(ClassRow::name).containsExactly("0-first", "a", "b");
        assertThat(colours()).containsEntry("a", 0).containsEntry("b", 1).containsEntry("0-first", 2);
        vm.renameClass("b", "bees");
        assertThat(colours()).containsEntry("bees", 1);
        session.close();
        session = DatasetSession.open(root, SessionServices.inline());
        vm = new CurateViewModel(session);
        assertThat(colours()).containsEntry("a", 0).containsEntry("bees", 1).containsEntry("0-first", 2);
        assertThat(session.colourOf("bees")).as("every pane asks the session").isEqualTo(ClassPalette.colour(1));
    }

    private Map<String, Integer> colours() {
        return vm.classes().stream().collect(java.util.stream.Collectors.toMap(ClassRow::name, ClassRow::colour));
    }

    @Test
    void aFailedEditSaysWhy() {
        vm.renameClass("a", "b");
        assertThat(vm.messageProperty().get()).startsWith("Rename class failed: There is already");
    }

    @Test
    void anImageAddedOutsideLoupeAppearsWithinTwoSeconds() throws Exception {
        // Real threads here: the watcher's, a background job queue, and one thread standing in for the FX thread.
        var fxThread = java.util.concurrent.Executors.newSingleThreadExecutor();
        session.close();
        try (DatasetSession watched = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), fxThread,
                JobExecutor::background))) {
            CurateViewModel live = new CurateViewModel(watched);
            Thread.sleep(300);
            long start = System.nanoTime();
            TestImages.png(root.resolve("a/from-file-manager.png"), 99);
            while (System.nanoTime() - start < 2_000_000_000L && live.classes().stream()
                    .noneMatch(c -> c.name().equals("a") && c.count() == 3)) {
                Thread.sleep(50);
            }
            assertThat(live.classes()).contains(new ClassRow("a", 3, 0));
        } finally {
            fxThread.shutdownNow();
        }
    }

    /**
     * Issue 17: a folder of loose photos opened as "0 classes · 0 images" with no hint and no way to start. Issue 19:
     * it opens as a dataset whose photos wait in the inbox; making a class keeps the inbox in view, and labelling one
     * photo moves it out of the inbox, undoably.
     */
    @Test
    void aFolderOfLoosePhotosOpensOnItsInboxAndItsPhotosCanBeLabelled() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("holiday"));
        for (int i = 0; i < 3; i++) {
            TestImages.png(photos.resolve("IMG_" + i + ".png"), 40 + i);
        }
        try (DatasetSession holiday = DatasetSession.open(photos, SessionServices.inline())) {
            CurateViewModel loose = new CurateViewModel(holiday);
            assertThat(loose.classes()).isEmpty();
            assertThat(loose.looseProperty().get()).isEqualTo(3);
            assertThat(loose.inboxShownProperty().get()).isTrue();
            assertThat(loose.images()).extracting(ImageEntry::relativePath)
                    .containsExactly("IMG_0.png", "IMG_1.png", "IMG_2.png");
            assertThat(loose.messageProperty().get()).as("the inbox is not 'left out'").doesNotContain("left out");

            loose.makeClass("beach");
            assertThat(loose.inboxShownProperty().get()).isTrue();
            loose.moveImages(List.of("IMG_1.png"), "beach");
            assertThat(loose.classes()).containsExactly(new ClassRow("beach", 1, 0));
            assertThat(loose.looseProperty().get()).isEqualTo(2);
            assertThat(loose.images()).extracting(ImageEntry::relativePath).containsExactly("IMG_0.png", "IMG_2.png");
            loose.undo();
            assertThat(loose.looseProperty().get()).isEqualTo(3);

            Path more = TestImages.png(tmp.resolve("more.png"), 50);
            loose.importFiles(List.of(more), null, false);
            assertThat(loose.looseProperty().get()).isEqualTo(4);
            assertThat(photos.resolve("more.png")).exists();
            loose.selectedClassProperty().set("beach");
            assertThat(loose.inboxShownProperty().get()).isFalse();
            assertThat(loose.images()).isEmpty();
        }
    }

    private List<String> names() {
        return vm.images().stream().map(ImageEntry::relativePath).toList();
    }
}
