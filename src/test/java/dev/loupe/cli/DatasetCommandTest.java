package dev.loupe.cli;

import dev.loupe.engine.dataset.edit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetCommandTest {

    @TempDir
    Path tmp;

    @Test
    void editsUndoRedoAndAuditFromTheCommandLine() throws Exception {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        Path photo = TestImages.png(tmp.resolve("new.png"), 9);
        Files.writeString(tmp.resolve("readme.txt"), "x");
        String ds = root.toString();

        assertThat(run("dataset", "add", ds, "b", photo.toString(), tmp.resolve("readme.txt").toString()))
                .contains("Add 1 image to b").contains("skipped").contains("not an image file");
        assertThat(run("dataset", "move", ds, "b", "a/1.png")).contains("Move 1 image to b");
        assertThat(run("dataset", "mkclass", ds, "c")).contains("New class c");
        assertThat(run("dataset", "rename", ds, "c", "cats")).contains("Rename class c to cats");
        assertThat(run("dataset", "rm", ds, "a/2.png")).contains("Delete 1 image");
        assertThat(root.resolve("a/2.png")).doesNotExist();
        assertThat(run("dataset", "undo", ds)).contains("Undid: Delete 1 image");
        assertThat(root.resolve("a/2.png")).exists();
        assertThat(run("dataset", "redo", ds, "--json")).contains("\"done\" : true");
        assertThat(run("dataset", "rm", ds, "--class", "cats")).contains("Delete class cats");
        assertThat(run("dataset", "audit", ds)).contains("Class a has no images");
        assertThat(run("dataset", "audit", ds, "--json")).contains("\"kind\" : \"EMPTY_CLASS\"");
    }

    @Test
    void aMissingClassIsABadInput() throws Exception {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("dataset", "move", root.toString(), "zebra", "a/1.png")).isEqualTo(ExitCodes.BAD_INPUT);
    }

    private static String run(String... args) {
        CommandLine cl = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }
}
