package dev.loupe.ui.classify;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Lasso relabelling through the view model, with inline jobs: files move, the map recolours, Undo reverts both. */
class RelabellerTest {

    @TempDir Path tmp;
    private Path root;
    private ClassifyViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        root = TestImages.dataset(tmp.resolve("colours"), 6, Color.RED, Color.GREEN, Color.BLUE);
        vm = new ClassifyViewModel(DatasetSession.open(root, SessionServices.inline()), JobExecutor.inline(),
                new FakeBackend());
        vm.modelProperty().set(Files.writeString(tmp.resolve("colours.loupe"), "fake"));
        vm.setActive(true);
    }

    @Test
    void movesTheSelectedImagesRecoloursThemAndUndoPutsThemBack() {
        ScatterData before = vm.scatterProperty().get();
        int red = before.classes().indexOf("red");
        int blue = before.classes().indexOf("blue");
        int[] reds = IntStream.range(0, before.size()).filter(i -> before.classOf()[i] == red).limit(2).toArray();
        Path first = before.files().get(reds[0]);
        vm.relabeller().selectionProperty().set(reds);

        vm.relabeller().moveSelectedTo("blue");

        ScatterData after = vm.scatterProperty().get();
        assertThat(after.classOf()[reds[0]]).isEqualTo(blue);
        assertThat(after.classOf()[reds[1]]).isEqualTo(blue);
        assertThat(after.layout()).isSameAs(before.layout()); // recoloured, not re-mapped
        assertThat(first).doesNotExist();
        assertThat(after.files().get(reds[0])).exists().hasParent(root.resolve("blue").toAbsolutePath().normalize());
        assertThat(vm.relabeller().selectionProperty().get()).isEmpty();
        assertThat(vm.messageProperty().get()).contains("Move 2 images to blue");

        vm.undo(); // what Edit > Undo calls

        assertThat(first).exists();
        assertThat(vm.scatterProperty().get().classOf()[reds[0]]).isEqualTo(red);
        assertThat(vm.scatterProperty().get().files().get(reds[0])).isEqualTo(first);

        vm.redo(); // what Edit > Redo calls: the files move again and the points turn blue again

        assertThat(first).doesNotExist();
        ScatterData redone = vm.scatterProperty().get();
        assertThat(redone.classOf()[reds[0]]).isEqualTo(blue);
        assertThat(redone.classOf()[reds[1]]).isEqualTo(blue);
        assertThat(redone.files().get(reds[0])).exists().hasParent(root.resolve("blue").toAbsolutePath().normalize());
        assertThat(redone.layout()).isSameAs(before.layout());
        assertThat(vm.canUndoProperty().get()).isTrue();
        assertThat(vm.canRedoProperty().get()).isFalse();
    }

    @Test
    void imagesAlreadyInTheClassAreLeftAlone() {
        ScatterData d = vm.scatterProperty().get();
        int blue = d.classes().indexOf("blue");
        int[] blues = IntStream.range(0, d.size()).filter(i -> d.classOf()[i] == blue).toArray();
        vm.relabeller().selectionProperty().set(blues);
        vm.relabeller().moveSelectedTo("blue");
        assertThat(vm.messageProperty().get()).isEqualTo("Already in blue");
        assertThat(vm.scatterProperty().get()).isSameAs(d);
    }
}
