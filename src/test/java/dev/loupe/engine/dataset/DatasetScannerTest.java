package dev.loupe.engine.dataset;

import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetScannerTest {

    @TempDir Path root;

    @Test
    void classesAreSubFoldersAndImagesAreLabelledByTheirFolder() throws IOException {
        TestImages.dataset(root, 2, Color.RED, Color.GREEN);
        Files.createDirectories(root.resolve("empty"));
        DatasetSnapshot s = new DatasetScanner().scan(root);
        assertThat(s.classes()).containsExactly("empty", "green", "red");
        assertThat(s.images()).extracting(ImageEntry::relativePath)
                .containsExactly("green/img0.png", "green/img1.png", "red/img0.png", "red/img1.png");
        assertThat(s.images()).extracting(ImageEntry::label).containsExactly("green", "green", "red", "red");
        assertThat(s.countsPerClass()).containsEntry("empty", 0).containsEntry("red", 2);
        assertThat(s.nonEmptyClasses()).containsExactly("green", "red");
    }

    @Test
    void loupeFolderNonImagesAndNestedFoldersAreNotData() throws IOException {
        TestImages.dataset(root, 1, Color.RED);
        TestImages.png(root.resolve(".loupe/trash/red/old.png"), Color.BLUE, 8, 1);
        TestImages.png(root.resolve("red/nested/deep.png"), Color.BLUE, 8, 2);
        TestImages.png(root.resolve("loose.png"), Color.BLUE, 8, 3);
        Files.writeString(root.resolve("red/notes.txt"), "hello");
        DatasetSnapshot s = new DatasetScanner().scan(root);
        assertThat(s.classes()).containsExactly("red");
        assertThat(s.images()).extracting(ImageEntry::relativePath).containsExactly("red/img0.png");
        assertThat(s.leftOut()).containsExactly(new LeftOut("loose.png", LeftOut.Why.LOOSE_IMAGE, null),
                new LeftOut("red/nested", LeftOut.Why.NESTED_FOLDER, null),
                new LeftOut("red/notes.txt", LeftOut.Why.NOT_AN_IMAGE, null));
        assertThat(s.looseImages()).containsExactly("loose.png");
        assertThat(s.notes()).containsExactly(
                "1 photo is in the inbox (directly in the dataset folder, not in a class folder): it is left "
                        + "out of training until labelled (loose.png)",
                "1 folder inside class folders is left out with its images: classes are not nested; move the images "
                        + "up into a class folder (red/nested)",
                "1 file in class folders is not an image (red/notes.txt)");
    }

    @Test
    void firstClassListsWhatTheScanListsForItsFirstClass() throws IOException {
        TestImages.dataset(root, 3, Color.RED, Color.GREEN, Color.BLUE);
        Files.createDirectories(root.resolve(".hidden"));
        TestImages.png(root.resolve("blue/nested/deep.png"), Color.RED, 8, 4);
        Files.writeString(root.resolve("blue/notes.txt"), "hello");
        TestImages.png(root.resolve("loose.png"), Color.BLUE, 8, 5);
        DatasetSnapshot s = new DatasetScanner().scan(root);
        assertThat(new DatasetScanner().firstClass(root))
                .isEqualTo(s.images().stream().filter(i -> i.label().equals("blue")).toList())
                .extracting(ImageEntry::relativePath).containsExactly("blue/img0.png", "blue/img1.png", "blue/img2.png");
    }

    @Test
    void firstClassOfAFolderWithoutClassesIsEmpty() throws IOException {
        TestImages.png(root.resolve("loose.png"), Color.BLUE, 8, 5);
        assertThat(new DatasetScanner().firstClass(root)).isEmpty();
        assertThat(new DatasetScanner().firstClass(root.resolve("nope"))).isEmpty();
    }

    @Test
    void missingFolderIsAClearError() {
        assertThatThrownBy(() -> new DatasetScanner().scan(root.resolve("nope")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
    }
}
