package dev.loupe.engine.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFilesTest {

    @TempDir Path dir;

    @Test
    void aNewFileGetsTheUmasksPermissionsLikeAnyOtherFile() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path written = dir.resolve("export.onnx");
        AtomicFiles.writeString(written, "y");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(Files.readString(written)).isEqualTo("y");
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws Exception {
        for (String mode : new String[]{"rw-r--r--", "rw-rw----", "r--------"}) {
            Path file = Files.writeString(dir.resolve(mode + ".csv"), "old");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            AtomicFiles.writeString(file, "new");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(mode);
            assertThat(Files.readString(file)).isEqualTo("new");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").noneMatch(f -> f.toString().endsWith(".tmp"));
        }
    }
}
