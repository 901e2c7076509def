package dev.loupe.faults;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.thumbs.ThumbnailStore;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dataset received from someone else is untrusted input: its journal and the files in its {@code .loupe} folder
 * were written to move, read or overwrite files of the user outside it (a thesis, an SSH key). Nothing outside may be
 * moved, read into the dataset or written, whatever the journal says and wherever its links point.
 */
class CraftedDatasetTest {

    @TempDir Path dir;

    @Test
    void aJournalNamingFilesOutsideTheDatasetMovesNothing() throws Exception {
        Results.check("crafted dataset", "journal naming files outside the dataset (absolute, ../, pending both-ends)",
                "journal kept aside as damaged, naming the path; the victim's files unmoved and unchanged; the "
                        + "dataset unchanged", () -> {
            Path victim = victim();
            Map<String, String> mine = DatasetHashes.of(victim);
            // Version 2, which every Loupe since the pending entry reads.
            String[] journals = {
                // Undo would pull the key into the dataset, where sharing it back would leak it.
                done("{\"kind\":\"MOVE\",\"from\":\"red/stolen_key.jpg\",\"to\":\"../victim/.ssh/id_rsa\"}"),
                done("{\"kind\":\"MOVE\",\"from\":\"red/key.jpg\",\"to\":\"" + victim.resolve(".ssh/id_rsa") + "\"}"),
                // Undo of a copy moves it to the trash slot: here a file of the dataset would leave it.
                done("{\"kind\":\"COPY\",\"from\":\"x\",\"to\":\"red/img0.png\",\"trash\":\"../victim/docs/new.png\"}"),
                done("{\"kind\":\"MOVE\",\"from\":\"red/img0.png\",\"to\":\".loupe/journal.json\"}"),
                // Opening settles a pending edit: "found at both ends" used to send the far end to the trash.
                "{\"version\":2,\"nextId\":2,\"done\":[],\"undone\":[],\"pending\":{\"action\":\"APPLY\",\"edit\":"
                        + edit("{\"kind\":\"MOVE\",\"from\":\"red/img0.png\",\"to\":\"../victim/docs/thesis.txt\"}")
                        + "}}",
                // An absolute source is how Loupe 2 wrote a move in from outside: read as one, never moved back out.
                done("{\"kind\":\"MOVE\",\"from\":\"" + victim.resolve(".ssh/id_rsa") + "\",\"to\":\"red/img1.png\"}")};
            int n = 0;
            for (String journal : journals) {
                Path ds = TestImages.dataset(dir.resolve("ds" + n++), 2, Color.RED, Color.BLUE);
                Map<String, String> before = DatasetHashes.of(ds);
                Files.createDirectories(ds.resolve(".loupe"));
                Files.writeString(ds.resolve(".loupe/journal.json"), journal);
                DatasetEditor editor = DatasetEditor.open(ds);
                if (n < journals.length) {
                    assertThat(editor.recovered()).get().asString().contains("was damaged", "kept aside");
                    Results.note(editor.recovered().orElseThrow().replaceAll("/tmp/\\S+/ds\\d", "DS"));
                }
                for (int i = 0; i < 2; i++) {
                    try {
                        editor.undo();
                        editor.redo();
                    } catch (IOException refused) {
                        // Refused, or dropped for a file that is not where the journal says: either way safe.
                    }
                }
                DatasetHashes.assertUnchanged(victim, mine);
                Map<String, String> after = DatasetHashes.of(ds);
                after.remove("red/img1.png"); // the move-in's undo puts it in the trash: inside, not lost
                before.remove("red/img1.png");
                assertThat(after).isEqualTo(before);
            }
        });
    }

    @Test
    void aJournalReachingOutThroughALinkMovesNothing() throws Exception {
        Results.check("crafted dataset", "journal path passing through a link inside the dataset (undo, redo)",
                "undo and redo refuse naming the link; nothing moved; the victim's files unchanged", () -> {
            Path victim = victim();
            Map<String, String> mine = DatasetHashes.of(victim);
            Path ds = TestImages.dataset(dir.resolve("ds"), 2, Color.RED, Color.BLUE);
            Files.createSymbolicLink(ds.resolve("red/leak"), victim.resolve(".ssh"));
            Map<String, String> before = DatasetHashes.of(ds);
            Files.createDirectories(ds.resolve(".loupe"));
            String step = "{\"kind\":\"MOVE\",\"from\":\"red/stolen_key.jpg\",\"to\":\"red/leak/id_rsa\"}";
            Files.writeString(ds.resolve(".loupe/journal.json"), "{\"version\":2,\"nextId\":3,\"done\":[" + edit(step)
                    + "],\"undone\":[" + edit("{\"kind\":\"MOVE\",\"from\":\"red/leak/id_rsa\",\"to\":\"blue/k.jpg\"}")
                    + "],\"pending\":null}");
            DatasetEditor editor = DatasetEditor.open(ds);
            assertThatThrownBy(editor::undo).hasMessageContaining("passes through the link red/leak")
                    .hasMessageContaining("Nothing was changed");
            assertThatThrownBy(editor::redo).hasMessageContaining("passes through the link red/leak");
            DatasetHashes.assertUnchanged(ds, before);
            DatasetHashes.assertUnchanged(victim, mine);
        });
    }

    @Test
    void linksInLoupesOwnFolderAreNotWrittenThrough() throws Exception {
        Results.check("crafted dataset", ".loupe, its lock, catalogue or thumbnails as links to the user's files",
                "lock, catalogue and thumbnails go to the user data folder; edits refused naming .loupe; the "
                        + "victim's files unchanged", () -> {
            Path victim = victim();
            Map<String, String> mine = DatasetHashes.of(victim);
            String oldData = System.getProperty("loupe.data.dir");
            System.setProperty("loupe.data.dir", dir.resolve("userdata").toString());
            try {
                Path a = TestImages.dataset(dir.resolve("a"), 2, Color.RED, Color.BLUE);
                Files.createSymbolicLink(a.resolve(".loupe"), victim.resolve("docs"));
                useEverything(a);
                assertThatThrownBy(() -> DatasetEditor.open(a)).hasMessageContaining(".loupe")
                        .hasMessageContaining("passes through the link .loupe");

                Path b = TestImages.dataset(dir.resolve("b"), 2, Color.RED, Color.BLUE);
                Files.createDirectories(b.resolve(".loupe"));
                Files.createSymbolicLink(b.resolve(".loupe/lock"), victim.resolve("docs/thesis.txt"));
                Files.createSymbolicLink(b.resolve(".loupe/catalogue.db"), victim.resolve("docs/notes.db"));
                Files.createSymbolicLink(b.resolve(".loupe/thumbnails"), victim.resolve("docs"));
                useEverything(b);
                assertThat(DatasetEditor.open(b).moveImages(List.of("red/img0.png"), "blue")).isPresent();
            } finally {
                if (oldData == null) {
                    System.clearProperty("loupe.data.dir");
                } else {
                    System.setProperty("loupe.data.dir", oldData);
                }
            }
            DatasetHashes.assertUnchanged(victim, mine);
            assertThat(Files.list(victim.resolve("docs")).toList()).hasSize(2);
        });
    }

    /** Locks, extracts features (catalogue) and makes a thumbnail, as every job and the grid do. */
    private void useEverything(Path ds) throws Exception {
        try (DatasetLock lock = DatasetLock.acquire(ds, "test"); Catalogue c = Catalogue.open(ds)) {
            assertThat(lock.file()).startsWith(dir.resolve("userdata"));
            assertThat(c.location()).startsWith(dir.resolve("userdata"));
            assertThat(new FeatureService(new FakeExtractor().factory()).features(new DatasetScanner().scan(ds), c,
                    FakeExtractor.DESCRIPTOR, JobMonitor.silent()).samples()).hasSize(4);
        }
        assertThat(ThumbnailStore.forDataset(ds).thumbnail(ds.resolve("red/img0.png")))
                .startsWith(dir.resolve("userdata"));
    }

    /** Someone's home: a key and a thesis that no dataset may touch. */
    private Path victim() throws IOException {
        Path victim = dir.resolve("victim");
        Files.createDirectories(victim.resolve(".ssh"));
        Files.createDirectories(victim.resolve("docs"));
        Files.writeString(victim.resolve(".ssh/id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");
        Files.writeString(victim.resolve("docs/thesis.txt"), "four years of work");
        Files.writeString(victim.resolve("docs/notes.db"), "not a database");
        return victim;
    }

    private static String done(String step) {
        return "{\"version\":2,\"nextId\":2,\"done\":[" + edit(step) + "],\"undone\":[],\"pending\":null}";
    }

    private static String edit(String step) {
        return "{\"id\":1,\"description\":\"Move 1 image to red\",\"time\":1,\"steps\":[" + step + "]}";
    }
}
