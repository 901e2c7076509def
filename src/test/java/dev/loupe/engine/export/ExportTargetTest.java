package dev.loupe.engine.export;

import dev.loupe.engine.util.OutputRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exports land whole or not at all, never over the model they export nor over a user's files. */
class ExportTargetTest {

    @TempDir Path dir;

    @Test
    void refusesToWriteOverTheModelOrTheFolderHoldingIt() throws Exception {
        Path model = Files.writeString(dir.resolve("m.loupe"), "model");
        assertThatThrownBy(() -> ExportTarget.prepare(model, Exporter.Output.FILE, model))
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("one of the files this action reads");
        assertThatThrownBy(() -> ExportTarget.prepare(dir, Exporter.Output.FOLDER, model))
                .isInstanceOf(OutputRefusedException.class).hasMessageContaining("which this action reads");
        assertThat(Files.readString(model)).isEqualTo("model");
    }

    @Test
    void aFileReplacesAPreviousExportAndLeavesNoStagingBehind() throws Exception {
        Path model = Files.writeString(dir.resolve("m.loupe"), "model");
        Path out = Files.writeString(dir.resolve("m.onnx"), "old");
        try (ExportTarget t = ExportTarget.prepare(out, Exporter.Output.FILE, model)) {
            Files.writeString(t.staged(), "new");
            assertThat(Files.readString(out)).isEqualTo("old");
            assertThat(t.commit()).containsExactly("m.onnx");
        }
        assertThat(Files.readString(out)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.loupe", "m.onnx");
        }
    }

    @Test
    void aFolderReplacesAPreviousExportButNotAFolderWithOtherFiles() throws Exception {
        Path model = Files.writeString(dir.resolve("m.loupe"), "model");
        Path out = dir.resolve("web");
        export(out, model, "one");
        export(out, model, "two");
        assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("two");

        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> export(out, model, "three")).isInstanceOf(ExportException.class)
                .hasMessageContaining("notes.txt");
        assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("two");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.loupe", "web");
        }
    }

    private static void export(Path out, Path model, String content) throws Exception {
        try (ExportTarget t = ExportTarget.prepare(out, Exporter.Output.FOLDER, model)) {
            Files.createDirectories(t.staged().resolve("js"));
            Files.writeString(t.staged().resolve("index.html"), content);
            Files.writeString(t.staged().resolve("js/tf.min.js"), content);
            assertThat(t.commit()).containsExactly("index.html", "js/tf.min.js");
        }
    }
}
