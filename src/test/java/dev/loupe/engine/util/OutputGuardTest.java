package dev.loupe.engine.util;

import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputGuardTest {

    @TempDir Path dir;
    private Path ds;
    private Path model;

    @BeforeEach
    void setUp() throws Exception {
        ds = TestImages.dataset(dir.resolve("ds"), 1, Color.RED, Color.GREEN);
        model = Files.writeString(dir.resolve("m.loupe"), "model");
    }

    @Test
    void anEarlierOutputANewFileAndTheDatasetsTopLevelMayBeWritten() throws Exception {
        Path earlier = Files.writeString(dir.resolve("m.onnx"), "earlier export");
        assertThatCode(() -> OutputGuard.check(earlier, List.of(model), ds)).doesNotThrowAnyException();
        assertThatCode(() -> OutputGuard.check(dir.resolve("new/out.csv"), List.of(model), ds))
                .doesNotThrowAnyException();
        assertThatCode(() -> OutputGuard.check(ds.resolve("ds.loupe"), List.of(), ds)).doesNotThrowAnyException();
        assertThatCode(() -> OutputGuard.check(ds.resolve(".git/notes.csv"), List.of(), ds))
                .as("a hidden folder is not a class").doesNotThrowAnyException();
    }

    @Test
    void theInputItselfEvenThroughALinkOrAHardLinkIsRefused() throws Exception {
        assertRefused(model, List.of(model), "one of the files this action reads");
        Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), model);
        assertRefused(link, List.of(model), "one of the files this action reads");
        Path hard = Files.createLink(dir.resolve("hard.onnx"), model);
        assertRefused(hard, List.of(model), "one of the files this action reads");
        assertRefused(dir.resolve("x/../m.loupe"), List.of(model), "one of the files this action reads");
    }

    @Test
    void aFileInAFolderReadWholeIsRefusedButANewOneThereIsNot() throws Exception {
        Path tfjs = Files.createDirectories(dir.resolve("tm"));
        Path weights = Files.writeString(tfjs.resolve("weights.bin"), "w");
        assertRefused(weights, List.of(tfjs), "a folder this action reads");
        assertThatCode(() -> OutputGuard.check(tfjs.resolve("new.csv"), List.of(tfjs))).doesNotThrowAnyException();
    }

    @Test
    void classFoldersAndLoupesFolderOfTheDatasetAreRefusedEvenForNewFiles() {
        assertRefused(ds.resolve("red/img0.png"), List.of(), ds, "class folder 'red'");
        assertRefused(ds.resolve("red/sub/new.csv"), List.of(), ds, "class folder 'red'");
        assertRefused(ds.resolve(".loupe/catalogue.db"), List.of(), ds, "Loupe's own data");
    }

    @Test
    void aFolderHoldingLoupesDataIsADatasetEvenWhenNotAnInput() throws Exception {
        Path other = TestImages.dataset(dir.resolve("other"), 1, Color.BLUE);
        assertThatCode(() -> OutputGuard.check(other.resolve("blue/x.csv"), List.of()))
                .as("a folder Loupe has never opened is not known as a dataset").doesNotThrowAnyException();
        Files.createDirectories(other.resolve(".loupe"));
        Files.writeString(other.resolve(".loupe/journal.json"), "{}");
        assertRefused(other.resolve("blue/x.csv"), List.of(), "class folder 'blue' of the dataset " + other);
    }

    @Test
    void anImageAndAFolderAreNeverReplaced() throws Exception {
        Path photo = TestImages.png(dir.resolve("holiday.jpg"), Color.BLUE, 8, 1);
        assertRefused(photo, List.of(), "an image");
        assertRefused(dir.resolve("ds"), List.of(), "a folder");
    }

    private static void assertRefused(Path target, List<Path> inputs, String why) {
        assertRefused(target, inputs, null, why);
    }

    private static void assertRefused(Path target, List<Path> inputs, Path dataset, String why) {
        assertThatThrownBy(() -> OutputGuard.check(target, inputs, dataset))
                .isInstanceOf(OutputRefusedException.class)
                .hasMessageStartingWith("Loupe will not write " + target + ": ")
                .hasMessageContaining(why);
    }
}
