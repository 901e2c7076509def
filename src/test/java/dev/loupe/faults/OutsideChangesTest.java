package dev.loupe.faults;

import dev.loupe.engine.dataset.edit.DatasetEditor;
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

/** Files changed in the file manager while Loupe moves them: a clear error, the edit rolled back, nothing lost. */
class OutsideChangesTest {

    @TempDir Path dir;

    @Test
    void aSourceThatVanishesMidEditRollsTheEditBack() throws Exception {
        Results.check("file system", "source moved away in the file manager during a move",
                "error names the vanished file; the other moves rolled back; journal without the edit", () -> {
                    Path ds = TestImages.dataset(dir.resolve("ds"), 3, Color.RED, Color.BLUE);
                    Path away = dir.resolve("desktop-img1.png");
                    DatasetEditor editor = DatasetEditor.open(ds);
                    Map<String, String> before = DatasetHashes.of(ds);
                    editor.setListener(active -> move(active, ds.resolve("red/img1.png"), away));
                    assertThatThrownBy(() -> editor.moveImages(List.of("red/img0.png", "red/img1.png",
                            "red/img2.png"), "blue"))
                            .isInstanceOf(IOException.class).hasMessageContaining("red/img1.png")
                            .hasMessageContaining("no longer there").hasMessageContaining("rolled back");
                    Files.move(away, ds.resolve("red/img1.png"));
                    DatasetHashes.assertUnchanged(ds, before);
                    assertThat(DatasetEditor.open(ds).history()).isEmpty();
                });
    }

    @Test
    void aTargetThatAppearsMidEditIsNeverOverwritten() throws Exception {
        Results.check("file system", "file put at the target in the file manager during a move",
                "error names the target; nothing overwritten; the other moves rolled back", () -> {
                    Path ds = TestImages.dataset(dir.resolve("ds"), 3, Color.RED);
                    Files.createDirectories(ds.resolve("blue"));
                    DatasetEditor editor = DatasetEditor.open(ds);
                    editor.setListener(active -> {
                        if (active) {
                            TestImages.png(ds.resolve("blue/img2.png"), Color.BLUE, 16, 99);
                        }
                    });
                    Map<String, String> before = DatasetHashes.of(ds);
                    assertThatThrownBy(() -> editor.moveImages(List.of("red/img0.png", "red/img1.png",
                            "red/img2.png"), "blue"))
                            .isInstanceOf(IOException.class).hasMessageContaining("blue/img2.png")
                            .hasMessageContaining("already exists").hasMessageContaining("rolled back");
                    Map<String, String> after = DatasetHashes.of(ds);
                    assertThat(after).containsKey("blue/img2.png");
                    after.remove("blue/img2.png");
                    Results.lost((int) before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k)))
                            .count());
                    assertThat(after).isEqualTo(before);
                });
    }

    private static void move(boolean active, Path from, Path to) {
        if (active) {
            try {
                Files.move(from, to);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
