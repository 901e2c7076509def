package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.util.Hashes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening a dataset whose last edit, undo or redo was cut short: settled, told, and undoable back to before. */
class InterruptedEditTest {

    @TempDir
    Path tmp;
    private Path root;
    private Map<String, String> before;

    @BeforeEach
    void setUp() throws IOException {
        root = TestImages.smallDataset(tmp.resolve("set"));
        TestImages.png(root.resolve("a/4.png"), 4);
        before = files(root);
    }

    @Test
    void aMoveStoppedPartWayIsKeptAsAnEditThatUndoTakesBack() throws IOException {
        StoppedEdits.stoppedApply(root, "Move 3 images to b", moves("a/1.png", "a/2.png", "a/4.png"), 2);

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString()
                .contains("stopped part-way through \u201cMove 3 images to b\u201d", "2 of its 3 file changes",
                        "Undo puts every file back where it was before");
        assertThat(editor.nextUndo()).get().extracting(Edit::description)
                .isEqualTo("Move 3 images to b (stopped after 2 of 3)");
        assertThat(root.resolve("b/1.png")).exists();
        assertThat(root.resolve("a/4.png")).exists();
        assertThat(DatasetEditor.open(root).recovered()).as("settled once, in the journal").isEmpty();
        editor.undo();
        assertThat(files(root)).isEqualTo(before);
    }

    @Test
    void aMoveStoppedBeforeItsFirstFileLeavesTheHistoryAsItWas() throws IOException {
        DatasetEditor first = DatasetEditor.open(root);
        first.makeClass("c");
        StoppedEdits.stoppedApply(root, "Move 1 image to b", moves("a/1.png"), 0);

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString().contains("as it began", "nothing had changed yet");
        assertThat(editor.history()).extracting(Edit::description).containsExactly("New class c");
        editor.undo();
        assertThat(files(root)).isEqualTo(before);
        assertThat(root.resolve("c")).doesNotExist();
    }

    @Test
    void aMoveWhoseLastFileMovedButWasNotRecordedIsRecordedWhole() throws IOException {
        StoppedEdits.stoppedApply(root, "Move 2 images to b", moves("a/1.png", "a/2.png"), 2);

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString().contains("just after", "it was complete");
        assertThat(editor.nextUndo()).get().extracting(Edit::description).isEqualTo("Move 2 images to b");
        editor.undo();
        assertThat(files(root)).isEqualTo(before);
    }

    @Test
    void anUndoStoppedPartWayCanBeFinishedWithUndo() throws IOException {
        DatasetEditor.open(root).moveImages(List.of("a/1.png", "a/2.png", "a/4.png"), "b");
        StoppedEdits.stoppedUndo(root, 1);

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString()
                .contains("part-way through undoing", "1 of its 3 file changes were undone", "Undo again");
        assertThat(editor.nextUndo()).get().extracting(Edit::description)
                .isEqualTo("Move 3 images to b (2 of 3 left to undo)");
        editor.undo();
        assertThat(files(root)).isEqualTo(before);
    }

    @Test
    void aRedoStoppedPartWayIsKeptAsAnEditThatUndoTakesBack() throws IOException {
        DatasetEditor first = DatasetEditor.open(root);
        first.moveImages(List.of("a/1.png", "a/2.png", "a/4.png"), "b");
        first.undo();
        StoppedEdits.stoppedRedo(root, 2);

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString().contains("part-way through redoing", "2 of its 3");
        assertThat(editor.nextRedo()).isEmpty();
        editor.undo();
        assertThat(files(root)).isEqualTo(before);
    }

    @Test
    void aFileAtBothEndsWithTheSourcesContentIsLoupesOwnCopyAndIsRemoved() throws IOException {
        StoppedEdits.stoppedApply(root, "Move 1 image to b", moves("a/1.png"), 0);
        // Killed after copying to the target, before removing the source (FileMoves.move across file stores).
        Files.copy(root.resolve("a/1.png"), root.resolve("b/1.png"));

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString().contains("Found at both ends with the same content",
                "the copy Loupe had made was removed", "b/1.png");
        assertThat(files(root)).isEqualTo(before);
    }

    @Test
    void aDifferentPhotoPutAtATargetNotYetMovedToIsTheUsersAndStaysWhereItIs() throws IOException {
        StoppedEdits.stoppedApply(root, "Move 3 images to b", moves("a/1.png", "a/2.png", "a/4.png"), 1);
        // After the kill the user saves another photo where the third move was going.
        Path theirs = TestImages.png(root.resolve("b/4.png"), 77);
        String hash = Hashes.sha256(theirs);

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString().contains("1 of its 3 file changes",
                "Another file (not the one Loupe was moving) was found and left in place: b/4.png");
        assertThat(Hashes.sha256(theirs)).isEqualTo(hash);
        assertThat(root.resolve(Trash.DIR)).doesNotExist();
        editor.undo();
        Map<String, String> after = files(root);
        assertThat(after.remove("b/4.png")).isEqualTo(hash);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theHiddenCopyLoupeWasWritingWhenStoppedIsRemovedAndItsSourceKept() throws IOException {
        Path outside = stoppedMoveFromAnotherDisk();
        String hash = Hashes.sha256(outside);
        // Killed while copying across file stores: half the bytes under FileMoves' hidden temporary name.
        Path unfinished = FileMoves.temporaryCopy(root.resolve("b/photo.png"));
        Files.write(unfinished, java.util.Arrays.copyOf(Files.readAllBytes(outside), 100));

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString().contains("as it began", "unfinished copy", "b/photo.png");
        assertThat(unfinished).doesNotExist();
        assertThat(Hashes.sha256(outside)).isEqualTo(hash);
        assertThat(files(root)).isEqualTo(before);
    }

    @Test
    void aFileGoneFromBothEndsIsNamedAndLeftOut() throws IOException {
        StoppedEdits.stoppedApply(root, "Move 2 images to b", moves("a/1.png", "a/2.png"), 1);
        Files.move(root.resolve("a/2.png"), tmp.resolve("2.png"));

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).get().asString().contains("just after", "Not found at either end", "b/2.png");
        editor.undo();
        Files.move(tmp.resolve("2.png"), root.resolve("a/2.png"));
        assertThat(files(root)).isEqualTo(before);
    }

    /** A photo outside the dataset and a move of it to b/photo.png, pending in the journal with no step done. */
    private Path stoppedMoveFromAnotherDisk() throws IOException {
        Path outside = TestImages.png(tmp.resolve("elsewhere/photo.png"), 9);
        StoppedEdits.stoppedApply(root, "Move 1 image to b", List.<String[]>of(
                new String[]{outside.toString(), "b/photo.png"}), 0);
        return outside;
    }

    private static List<String[]> moves(String... images) {
        return Stream.of(images).map(i -> new String[]{i, "b/" + Path.of(i).getFileName()}).toList();
    }

    private String trashedKey() throws IOException {
        return files(root).keySet().stream().filter(k -> k.startsWith(".loupe/trash/b/photo ")).findFirst()
                .orElseThrow();
    }

    /** Every user file (the dataset's and the trash's, not Loupe's journal or lock), by path, with its hash. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(".loupe/") || rel.startsWith(Trash.DIR + "/")) {
                    out.put(rel, Hashes.sha256(p));
                }
            }
        }
        return out;
    }
}
