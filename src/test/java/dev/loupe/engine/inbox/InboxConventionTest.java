package dev.loupe.engine.inbox;

import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.edit.AddResult;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbox is the photos lying in the dataset folder; nothing else can be taken for it, and it for a class. */
class InboxConventionTest {

    @TempDir Path root;
    @TempDir Path outside;

    @Test
    void onlyVisibleRegularImagesInTheDatasetFolderAreTheInbox() throws Exception {
        TestImages.png(root.resolve("cat/1.png"), Color.RED, 16, 1);
        TestImages.png(root.resolve("dog.jpg/2.png"), Color.BLUE, 16, 2); // a folder named like a photo: a class
        TestImages.png(root.resolve("new.png"), Color.RED, 16, 3);
        TestImages.png(root.resolve(".hidden.png"), Color.RED, 16, 4); // hidden: never a photo
        TestImages.png(root.resolve(".loupe/thumbs/x.png"), Color.RED, 16, 5); // Loupe's own
        Files.writeString(root.resolve("README.txt"), "notes"); // the user's, not a photo
        Files.createSymbolicLink(root.resolve("link.png"), root.resolve("new.png")); // never followed

        DatasetSnapshot s = new DatasetScanner().scan(root);
        assertThat(s.classes()).containsExactly("cat", "dog.jpg");
        assertThat(s.looseImages()).containsExactly("new.png");
        assertThat(s.inbox()).singleElement().satisfies(e -> {
            assertThat(e.relativePath()).isEqualTo("new.png");
            assertThat(e.label()).isEqualTo(DatasetSnapshot.INBOX);
        });
        assertThat(s.images()).extracting(i -> i.relativePath()).containsExactly("cat/1.png", "dog.jpg/2.png");
        // No class can carry the inbox's label: an empty (or hidden) class name is refused.
        DatasetEditor editor = DatasetEditor.open(root);
        assertThatThrownBy(() -> editor.makeClass(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> editor.makeClass("new.png")).hasMessageContaining("already a class or file");
    }

    @Test
    void importIntoTheInboxCopiesUndoablyAndNeverTakesAClassName() throws Exception {
        Files.createDirectories(root.resolve("daisy.png")); // a class named like the photo to import
        Path photo = TestImages.png(outside.resolve("daisy.png"), Color.YELLOW, 16, 1);
        DatasetEditor editor = DatasetEditor.open(root);

        AddResult added = editor.addToInbox(List.of(photo), false);
        assertThat(added.added()).containsExactly("daisy (2).png");
        assertThat(added.edit().description()).isEqualTo("Add 1 image to the inbox");
        assertThat(photo).exists(); // a copy
        assertThat(new DatasetScanner().scan(root).looseImages()).containsExactly("daisy (2).png");
        assertThat(editor.addToInbox(List.of(root.resolve("daisy (2).png")), false).skipped())
                .singleElement().satisfies(s -> assertThat(s.reason()).isEqualTo("already in the inbox"));

        editor.undo();
        assertThat(new DatasetScanner().scan(root).looseImages()).isEmpty();
        assertThat(new DatasetScanner().scan(root).classes()).containsExactly("daisy.png");
    }

    @Test
    void labellingIsAnUndoableMoveOutOfTheInboxAndBack() throws Exception {
        Files.createDirectories(root.resolve("cat"));
        TestImages.png(root.resolve("a.png"), Color.RED, 16, 1);
        DatasetEditor editor = DatasetEditor.open(root);

        editor.moveImages(List.of("a.png"), "cat").orElseThrow();
        assertThat(new DatasetScanner().scan(root).countsPerClass()).containsExactly(Map.entry("cat", 1));
        editor.moveToInbox(List.of("cat/a.png")).orElseThrow();
        assertThat(new DatasetScanner().scan(root).looseImages()).containsExactly("a.png");
        editor.undo();
        editor.undo();
        assertThat(new DatasetScanner().scan(root).looseImages()).containsExactly("a.png");
        assertThat(editor.nextUndo()).isEmpty();
    }
}
