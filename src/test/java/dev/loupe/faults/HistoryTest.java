package dev.loupe.faults;

import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.Edit;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Undo and redo after the user changed the folder by hand: a file put where Loupe's folder or copy was, a moved photo
 * replaced, the trash emptied, the journal damaged; and the names and lists an edit is given (the same image twice,
 * a 249-byte name on a clash). Nothing of the user's may be removed, replaced or moved, and one lost file must not
 * wedge the rest of the history.
 */
class HistoryTest {

    @TempDir Path dir;

    @Test
    void undoNeverRemovesOrMovesAFileLoupeDidNotPutThere() throws Exception {
        Results.check("history", "a file of the user's where undo or redo would act",
                "undo of New class, of a move, of an add and redo of a delete each refuse, naming the file; the file "
                        + "untouched; the edit still undoable; it works once the file is moved away", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 3, Color.RED, Color.BLUE);
            DatasetEditor editor = DatasetEditor.open(ds);
            // New class, then the user removes the empty folder and saves a file of that name.
            editor.makeClass("notes");
            Files.delete(ds.resolve("notes"));
            Files.writeString(ds.resolve("notes"), "my notes");
            refused(editor::undo, "notes is a file, not the folder Loupe made");
            assertThat(Files.readString(ds.resolve("notes"))).isEqualTo("my notes");
            assertThat(editor.nextUndo()).get().extracting(Edit::description).isEqualTo("New class notes");
            Files.move(ds.resolve("notes"), dir.resolve("notes.txt"));
            assertThat(editor.undo()).isPresent();

            // A relabelled photo replaced by another one under the same name.
            String movedTo = editor.moveImages(List.of("red/img0.png"), "blue").orElseThrow().steps().get(0).to();
            String theirs = replace(ds.resolve(movedTo), 50);
            refused(editor::undo, movedTo + " is a different file");
            assertThat(Hashes.sha256(ds.resolve(movedTo))).isEqualTo(theirs);
            assertThat(ds.resolve("red/img0.png")).doesNotExist();

            // An added copy replaced: undo would have put the user's photo in the trash.
            Path fresh = dir.resolve("fresh");
            TestImages.png(fresh.resolve("new.png"), Color.GREEN, 32, 7);
            Files.createDirectories(dir.resolve("ds2/green"));
            DatasetEditor other = DatasetEditor.open(dir.resolve("ds2"));
            other.add("green", List.of(fresh.resolve("new.png")), false);
            String mine = replace(dir.resolve("ds2/green/new.png"), 51);
            refused(other::undo, "green/new.png is a different file");
            assertThat(Hashes.sha256(dir.resolve("ds2/green/new.png"))).isEqualTo(mine);
            assertThat(dir.resolve("ds2/.loupe/trash")).doesNotExist();

            // Redo of a delete after the user saved another photo where the deleted one was.
            editor.remove(List.of("blue/img1.png"));
            editor.undo();
            String again = replace(ds.resolve("blue/img1.png"), 52);
            refused(editor::redo, "blue/img1.png is a different file");
            assertThat(Hashes.sha256(ds.resolve("blue/img1.png"))).isEqualTo(again);
        });
    }

    @Test
    void anEmptiedTrashDropsWhatItHeldAndTheRestOfTheHistoryStillWorks() throws Exception {
        Results.check("history", "trash emptied by hand, then undo",
                "the edit whose files are gone is named and dropped (or kept for the files still there); older "
                        + "edits undo; nothing else moves", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 3, Color.RED, Color.BLUE);
            DatasetEditor editor = DatasetEditor.open(ds);
            editor.makeClass("tulips");
            editor.remove(List.of("red/img0.png", "red/img1.png"));
            editor.remove(List.of("blue/img0.png"));
            Map<String, String> trashedOnly = DatasetHashes.of(ds);
            deleteTree(ds.resolve(".loupe/trash/blue"));

            assertThatThrownBy(editor::undo).isInstanceOf(IOException.class)
                    .hasMessageContaining("Could not undo \u201cDelete 1 image\u201d")
                    .hasMessageContaining(".loupe/trash/blue/img0 ").hasMessageContaining("the trash was emptied")
                    .hasMessageContaining("dropped from the history");
            // Of the next edit one file is gone, one still in the trash: that one is put back.
            Files.delete(trashFile(ds, "red/img1 "));
            Edit partial = editor.undo().orElseThrow();
            assertThat(partial.description()).startsWith("Delete 2 images (1 of 2) \u2014 ").contains("img1 ");
            assertThat(ds.resolve("red/img0.png")).exists();
            assertThat(editor.undo()).get().extracting(Edit::description).isEqualTo("New class tulips");
            assertThat(ds.resolve("tulips")).doesNotExist();
            assertThat(editor.redo()).get().extracting(Edit::description).isEqualTo("New class tulips");
            assertThat(editor.redo()).get().extracting(Edit::description).isEqualTo("Delete 2 images (1 of 2)");
            assertThat(ds.resolve("red/img0.png")).doesNotExist();
            assertThat(editor.nextRedo()).isEmpty();
            trashedOnly.remove("red/img0.png");
            assertThat(DatasetHashes.of(ds)).isEqualTo(trashedOnly);
        });
    }

    @Test
    void aDamagedJournalIsKeptAsideAndAFreshHistoryStarts() throws Exception {
        Results.check("history", "damaged journal.json (truncated, random bytes, \"done\": null, empty)",
                "opens with a message naming the file and where its copy was kept; copy byte-identical; edits "
                        + "work; dataset unchanged", () -> {
            String good = "{\"version\":2,\"nextId\":2,\"done\":[{\"id\":1,\"description\":\"New class x\","
                    + "\"time\":1,\"steps\":[{\"kind\":\"MKDIR\",\"to\":\"x\"}]}],\"undone\":[],\"pending\":null}";
            byte[] random = new byte[300];
            new java.util.Random(3).nextBytes(random);
            List<byte[]> damaged = List.of(good.substring(0, 60).getBytes(StandardCharsets.UTF_8), random,
                    good.replace("\"done\":[", "\"done\":null,\"x\":[").getBytes(StandardCharsets.UTF_8),
                    new byte[0], "{\"version\":2,\"done\":[null],\"undone\":[]}".getBytes(StandardCharsets.UTF_8));
            int n = 0;
            for (byte[] bytes : damaged) {
                Path ds = TestImages.dataset(dir.resolve("ds" + n++), 2, Color.RED, Color.BLUE);
                Map<String, String> before = DatasetHashes.of(ds);
                Files.createDirectories(ds.resolve(".loupe"));
                Files.write(ds.resolve(".loupe/journal.json"), bytes);
                DatasetEditor editor = DatasetEditor.open(ds);
                String said = editor.recovered().orElseThrow();
                assertThat(said).contains(ds.resolve(".loupe/journal.json").toString(), "was damaged",
                        "kept aside as journal.json.damaged-", "fresh history");
                Path aside;
                try (Stream<Path> s = Files.list(ds.resolve(".loupe"))) {
                    aside = s.filter(p -> p.getFileName().toString().startsWith("journal.json.damaged-"))
                            .findFirst().orElseThrow();
                }
                assertThat(Files.readAllBytes(aside)).isEqualTo(bytes);
                assertThat(editor.history()).isEmpty();
                assertThat(editor.moveImages(List.of("red/img0.png"), "blue")).isPresent();
                editor.undo();
                DatasetHashes.assertUnchanged(ds, before);
                assertThat(DatasetEditor.open(ds).recovered()).isEmpty();
                Results.note(said.replace(ds.toString(), "DS"));
            }
        });
    }

    @Test
    void theSameImageTwiceAndNamesAtTheLengthLimitAreMovedOnce() throws Exception {
        Results.check("history", "the same image twice to move or delete; a 249-byte name on a clash",
                "moved or trashed once, no 'changed outside Loupe'; the clash name fits 255 bytes; undo restores "
                        + "every path and hash", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 2, Color.RED, Color.BLUE);
            String longName = "é".repeat(120) + "xxxxx.png"; // 249 bytes in UTF-8
            assertThat(longName.getBytes(StandardCharsets.UTF_8)).hasSize(249);
            TestImages.png(ds.resolve("red/" + longName), Color.RED, 32, 90);
            TestImages.png(ds.resolve("blue/" + longName), Color.BLUE, 32, 91);
            Map<String, String> before = DatasetHashes.of(ds);
            DatasetEditor editor = DatasetEditor.open(ds);

            Edit twice = editor.moveImages(List.of("red/img0.png", "red/img0.png", "./red/img0.png",
                    "red//img0.png"), "blue").orElseThrow();
            assertThat(twice.steps()).hasSize(1);
            assertThat(editor.remove(List.of("red/img1.png", "red/./img1.png")).orElseThrow().steps()).hasSize(1);
            Edit clash = editor.moveImages(List.of("red/" + longName), "blue").orElseThrow();
            String moved = clash.steps().get(0).to().substring("blue/".length());
            assertThat(moved).endsWith(" (2).png");
            assertThat(moved.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            Edit trashed = editor.remove(List.of("blue/" + longName)).orElseThrow();
            assertThat(Path.of(trashed.steps().get(0).to()).getFileName().toString()
                    .getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            Path fresh = TestImages.png(dir.resolve("in/" + longName), Color.GREEN, 32, 92);
            assertThat(editor.add("blue", List.of(fresh), false).added()).hasSize(1);
            for (int i = 0; i < 5; i++) {
                editor.undo();
            }
            DatasetHashes.assertUnchanged(ds, before);
        });
    }

    private static void refused(Undoable walk, String why) {
        assertThatThrownBy(walk::run).isInstanceOf(IOException.class).hasMessageContaining(why)
                .hasMessageContaining("Nothing was changed");
    }

    private interface Undoable {
        void run() throws Exception;
    }

    /** Overwrites {@code file} with another photo, as a user saving over it would; returns its hash. */
    private static String replace(Path file, long seed) throws IOException {
        Files.delete(file);
        TestImages.png(file, Color.MAGENTA, 32, seed);
        return Hashes.sha256(file);
    }

    private static Path trashFile(Path ds, String prefix) throws IOException {
        try (Stream<Path> s = Files.walk(ds.resolve(".loupe/trash"))) {
            return s.filter(p -> ds.resolve(".loupe/trash").relativize(p).toString().startsWith(prefix))
                    .findFirst().orElseThrow();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
