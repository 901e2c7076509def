package dev.loupe.engine.dataset.edit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileMovesTest {

    @TempDir Path dir;

    @Test
    void aMovedFileKeepsItsBytesAndDateAndLeavesNoSecondName() throws Exception {
        Path from = Files.write(Files.createDirectories(dir.resolve("a")).resolve("cat.jpg"), new byte[]{1, 2, 3});
        Files.setLastModifiedTime(from, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Path to = dir.resolve("b/cat.jpg");
        FileMoves.move(from, to);
        assertThat(from).doesNotExist();
        assertThat(Files.readAllBytes(to)).containsExactly(1, 2, 3);
        assertThat(Files.getLastModifiedTime(to).toMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(Files.getAttribute(to, "unix:nlink")).as("one name left").isEqualTo(1);
    }

    @Test
    void aTargetThatExistsIsNeverReplacedByAMoveOrACopy() throws Exception {
        Path from = Files.write(dir.resolve("cat.jpg"), new byte[]{1});
        Path taken = Files.write(dir.resolve("dog.jpg"), new byte[]{2});
        assertThatThrownBy(() -> FileMoves.move(from, taken)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("never overwrites");
        assertThatThrownBy(() -> FileMoves.copy(from, taken)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(from)).containsExactly(1);
        assertThat(Files.readAllBytes(taken)).containsExactly(2);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cat.jpg", "dog.jpg");
        }
    }
}
