package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.util.Hashes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetEditorTest {

    @TempDir
    Path tmp;
    private Path root;
    private DatasetEditor editor;
    private Map<String, Integer> before;

    @BeforeEach
    void setUp() throws IOException {
        root = TestImages.smallDataset(tmp.resolve("set"));
        editor = DatasetEditor.open(root);
        before = TestImages.contents(root);
    }

    @Test
    void addCopiesImagesDeduplicatesNamesAndSkipsNonImages() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("in"));
        TestImages.png(outside.resolve("1.png"), 7);
        TestImages.png(outside.resolve("sub/9.png"), 9);
        Files.writeString(outside.resolve("notes.txt"), "hello");

        AddResult r = editor.add("a", List.of(outside), false);

        assertThat(r.added()).containsExactly("a/1 (2).png", "a/9.png");
        assertThat(r.skipped()).singleElement().satisfies(s -> {
            assertThat(s.file().getFileName().toString()).isEqualTo("notes.txt");
            assertThat(s.reason()).isEqualTo("not an image file");
        });
        assertThat(root.resolve("a/1 (2).png")).exists();
        assertThat(outside.resolve("1.png")).exists();
        assertThat(root.resolve("a")).as("no temporary copy left").isDirectoryNotContaining("glob:**/.*");
    }

    /**
     * Issue 17, point 18: an import is a job. It reports a step per file, and cancelling it takes back the files done,
     * so the dataset is as before and no edit is recorded.
     */
    @Test
    void anImportReportsProgressAndCancellingItLeavesTheDatasetAsBefore() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 6; i++) {
            TestImages.png(outside.resolve("p" + i + ".png"), 20 + i);
        }
        java.util.List<String> progress = new java.util.ArrayList<>();
        dev.loupe.engine.jobs.JobMonitor cancelAfterThree = new dev.loupe.engine.jobs.JobMonitor() {
            @Override public void stage(String name) { progress.add(name); }
            @Override public void progress(long done, long total) { progress.add(done + "/" + total); }
            @Override public void status(String message) { }
            @Override public void warning(String message) { }
            @Override public void partial(Partial record) { }
            @Override public boolean isCancelled() { return progress.contains("3/6"); }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> editor.add("a", List.of(outside), false,
                cancelAfterThree)).isInstanceOf(dev.loupe.engine.jobs.CancelledException.class);
        assertThat(progress).containsExactly("Add 6 images to a", "1/6", "2/6", "3/6");
        assertThat(TestImages.contents(root)).as("the three copies made were removed").isEqualTo(before);
        assertThat(editor.nextUndo()).as("nothing recorded").isEmpty();
        assertThat(outside).isDirectoryContaining("glob:**/p5.png");

        AddResult all = editor.add("a", List.of(outside), false, dev.loupe.engine.jobs.JobMonitor.silent());
        assertThat(all.added()).hasSize(6);
    }

    @Test
    void undoOfACopyMovesTheCopyToTheTrashAndRedoBringsItBack() throws IOException {
        Path photo = TestImages.png(tmp.resolve("photo.png"), 5);
        editor.add("b", List.of(photo), false);

        editor.undo();
        assertThat(root.resolve("b/photo.png")).doesNotExist();
        assertThat(trashed()).hasSize(1);
        assertThat(photo).exists();

        editor.redo();
        assertThat(root.resolve("b/photo.png")).exists();
        assertThat(trashed()).isEmpty();
    }

    /** Issue 19: the inbox is the dataset folder itself; photos added there wait for a label, undoably. */
    @Test
    void addToInboxCopiesIntoTheDatasetFolderAndUndoes() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("in"));
        TestImages.png(outside.resolve("1.png"), 7);
        Path again = TestImages.png(root.resolve("loose.png"), 8);

        AddResult r = editor.addToInbox(List.of(outside.resolve("1.png"), again), false);

        assertThat(r.added()).containsExactly("1.png");
        assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).isEqualTo("already in the inbox"));
        assertThat(root.resolve("1.png")).exists();
        assertThat(r.edit().description()).isEqualTo("Add 1 image to the inbox");
        editor.moveImages(List.of("1.png"), "a");
        assertThat(root.resolve("a/1 (2).png")).exists();
        editor.undo();
        editor.undo();
        assertThat(root.resolve("1.png")).doesNotExist();
        assertThat(outside.resolve("1.png")).exists();
    }

    @Test
    void addWithMoveTakesTheFileAndUndoPutsItInTheTrashNotOutside() throws IOException {
        Path photo = TestImages.png(tmp.resolve("photo.png"), 5);
        String hash = Hashes.sha256(photo);
        editor.add("b", List.of(photo), true);
        assertThat(photo).doesNotExist();
        assertThat(root.resolve("b/photo.png")).exists();

        // A journal may only name paths inside its dataset, so undo never moves a file out of it.
        editor.undo();
        assertThat(root.resolve("b/photo.png")).doesNotExist();
        assertThat(trashed()).singleElement().satisfies(f -> assertThat(Hashes.sha256(f)).isEqualTo(hash));
        editor.redo();
        assertThat(Hashes.sha256(root.resolve("b/photo.png"))).isEqualTo(hash);
    }

    @Test
    void moveImagesRelabelsRenamingClashesAndUndoes() throws IOException {
        TestImages.png(root.resolve("b/1.png"), 11);
        editor.moveImages(List.of("a/1.png", "a/2.png"), "b");
        assertThat(root.resolve("b/1 (2).png")).exists();
        assertThat(root.resolve("b/2.png")).exists();
        assertThat(root.resolve("a")).isEmptyDirectory();

        editor.undo();
        assertThat(root.resolve("a/1.png")).exists();
        assertThat(root.resolve("a/2.png")).exists();
        assertThat(root.resolve("b/1 (2).png")).doesNotExist();
    }

    @Test
    void makeRenameAndDeleteClassesAllUndo() throws IOException {
        editor.makeClass("c");
        assertThat(root.resolve("c")).isDirectory();
        editor.renameClass("a", "apples");
        assertThat(root.resolve("apples/1.png")).exists();
        editor.deleteClass("b");
        assertThat(root.resolve("b")).doesNotExist();
        assertThat(trashed()).hasSize(1);
        assertThat(TestImages.contents(root)).isEqualTo(before);

        editor.undo();
        editor.undo();
        editor.undo();
        assertThat(root.resolve("a/1.png")).exists();
        assertThat(root.resolve("b/3.png")).exists();
        assertThat(root.resolve("c")).doesNotExist();
        assertThat(editor.undo()).isEmpty();
    }

    @Test
    void removeMovesImagesToTheTrashKeepingTheirPathAndLosesNoBytes() throws IOException {
        editor.remove(List.of("a/1.png", "b/3.png"));
        assertThat(root.resolve("a/1.png")).doesNotExist();
        assertThat(trashed()).hasSize(2).allSatisfy(p -> assertThat(p.toString()).contains(".loupe/trash/"));
        assertThat(trashed()).anySatisfy(p -> assertThat(root.relativize(p).toString()).startsWith(".loupe/trash/a/1 "));
        assertThat(TestImages.contents(root)).isEqualTo(before);

        editor.undo();
        assertThat(root.resolve("a/1.png")).exists();
        assertThat(TestImages.contents(root)).isEqualTo(before);
    }

    @Test
    void historySurvivesReopening() throws IOException {
        editor.moveImages(List.of("a/1.png"), "b");
        editor.remove(List.of("a/2.png"));
        editor.undo();

        DatasetEditor reopened = DatasetEditor.open(root);
        assertThat(reopened.nextRedo()).get().extracting(Edit::description).isEqualTo("Delete 1 image");
        reopened.redo();
        assertThat(root.resolve("a/2.png")).doesNotExist();
        reopened.undo();
        reopened.undo();
        assertThat(root.resolve("a/1.png")).exists();
        assertThat(root.resolve("a/2.png")).exists();
        assertThat(Files.readString(root.resolve(DatasetEditor.JOURNAL)))
                .contains("\"version\" : 3").contains("\"pending\" : null");
    }

    @Test
    void undoThatCannotCompleteChangesNothing() throws IOException {
        editor.moveImages(List.of("a/1.png", "a/2.png"), "b");
        // Someone puts a new file where an undone image would go back: undo must not overwrite it.
        TestImages.png(root.resolve("a/2.png"), 42);

        assertThatThrownBy(editor::undo).isInstanceOf(IOException.class);
        assertThat(root.resolve("b/1.png")).exists();
        assertThat(root.resolve("b/2.png")).exists();
        assertThat(editor.nextUndo()).isPresent();
        assertThat(DatasetEditor.open(root).recovered()).as("the failed undo left nothing pending").isEmpty();
    }

    @Test
    void rejectsBadClassNames() {
        assertThatThrownBy(() -> editor.makeClass("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> editor.makeClass(".hidden")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> editor.makeClass("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> editor.renameClass("a", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    private List<Path> trashed() throws IOException {
        Path trash = root.resolve(Trash.DIR);
        if (!Files.exists(trash)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(trash)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
