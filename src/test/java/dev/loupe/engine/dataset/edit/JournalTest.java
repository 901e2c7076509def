package dev.loupe.engine.dataset.edit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal file: version 1 (before pending entries) still opens; a pending entry survives a restart. */
class JournalTest {

    @TempDir
    Path tmp;

    @Test
    void aVersion1JournalOpensWithNothingPendingAndItsEditsUndo() throws IOException {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        var before = InterruptedEditTest.files(root);
        Files.move(root.resolve("a/1.png"), root.resolve("b/1.png"));
        // As Loupe wrote it before the journal had pending entries.
        Files.createDirectories(root.resolve(".loupe"));
        Files.writeString(root.resolve(DatasetEditor.JOURNAL), """
                {
                  "version" : 1,
                  "nextId" : 2,
                  "done" : [ {
                    "id" : 1,
                    "description" : "Move 1 image to b",
                    "time" : 1700000000000,
                    "steps" : [ { "kind" : "MOVE", "from" : "a/1.png", "to" : "b/1.png", "trash" : null } ]
                  } ],
                  "undone" : [ ]
                }
                """);

        DatasetEditor editor = DatasetEditor.open(root);

        assertThat(editor.recovered()).isEmpty();
        assertThat(editor.history()).extracting(Edit::description).containsExactly("Move 1 image to b");
        editor.undo();
        assertThat(InterruptedEditTest.files(root)).isEqualTo(before);
        assertThat(Files.readString(root.resolve(DatasetEditor.JOURNAL))).contains("\"version\" : 3");
        assertThat(editor.redo()).get().extracting(Edit::id).isEqualTo(1L);
    }

    @Test
    void aPendingEntryIsWrittenBeforeAndReadAfterARestart() throws IOException {
        Path root = tmp;
        Journal journal = Journal.open(root);
        Step.Content c = Step.Content.file(3, "ab");
        Edit edit = new Edit(journal.newId(), "Move 2 images to b", 5L,
                List.of(Step.move("a/1.png", "b/1.png", c), Step.move("a/2.png", "b/2.png", c)));
        journal.begin(Pending.Action.APPLY, edit);

        assertThat(Journal.open(root).pending()).isEqualTo(new Pending(Pending.Action.APPLY, edit));
        journal.recordDone(edit);
        Journal reread = Journal.open(root);
        assertThat(reread.pending()).isNull();
        assertThat(reread.done()).containsExactly(edit);
    }

    @Test
    void aJournalFromANewerLoupeIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve(".loupe"));
        Files.writeString(tmp.resolve(Journal.FILE),
                "{\"version\":" + (Journal.FORMAT_VERSION + 1) + ",\"nextId\":1,\"done\":[],\"undone\":[]}");
        assertThatThrownBy(() -> Journal.open(tmp)).isInstanceOf(IOException.class)
                .hasMessageContaining("newer Loupe");
    }
}
