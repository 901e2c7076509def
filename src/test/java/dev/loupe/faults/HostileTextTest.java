package dev.loupe.faults;

import dev.loupe.cli.CliRun;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Labels and file names that carry terminal escape sequences, line breaks or a right-to-left override: printed by
 * the real commands with their control characters escaped, and refused as a class name.
 */
class HostileTextTest {

    private static final String CLEAR = "\u001b[2J\u001b[31mred";
    private static final String FORGED = "ok\r\nloupe: forged error";

    @TempDir Path dir;

    @Test
    void labelsAndNamesReachTheTerminalEscaped() throws Exception {
        Results.check("terminal", "labels with escape sequences and \\r\\n, file names with them, in info, "
                + "classify, dataset add and an error line", "printed escaped (\\x1b, \\r\\n): nothing clears or "
                + "recolours the terminal, no forged line; --json keeps the exact text", () -> {
            Path model = hostileModel();
            Path photo = TestImages.png(dir.resolve("photo" + "\u202Egnp.png"), Color.RED, 32, 3);
            String info = CliRun.of("info", model.toString()).out();
            String classify = CliRun.of("classify", model.toString(), photo.toString(), "--top", "2", "-q").out();
            Path ds = TestImages.dataset(dir.resolve("ds"), 1, Color.RED);
            Path note = Files.writeString(dir.resolve("note\u001b]0;pwned\u0007.txt"), "not an image");
            String add = CliRun.of("dataset", "add", ds.toString(), "red", note.toString()).out();
            String error = CliRun.of("info", dir.resolve("gone\u001b[2J.loupe").toString()).err();
            for (String printed : List.of(info, classify, add, error)) {
                assertThat(printed).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007")
                        .doesNotContain("\u202E");
                assertThat(printed.lines()).noneMatch(l -> l.startsWith("loupe: forged"));
            }
            assertThat(info).contains("\\x1b[2J\\x1b[31mred").contains("ok\\r\\nloupe: forged error");
            assertThat(classify).contains("\\u202egnp.png").contains("\\x1b[2J");
            assertThat(add).contains("note\\x1b]0;pwned\\x07.txt");
            assertThat(error).contains("gone\\x1b[2J.loupe");
            assertThat(CliRun.of("info", model.toString(), "--json").out()).contains("\\u001B[2J")
                    .contains("ok\\r\\nloupe");
            Results.note(info.lines().filter(l -> l.startsWith("Labels:")).findFirst().orElse(""));
        });
    }

    @Test
    void aClassNameWithControlCharactersIsRefused() throws Exception {
        Results.check("terminal", "a class named with an escape sequence, a line break or a right-to-left override",
                "dataset mkclass and rename refuse it in one sentence, exit 3; no folder made", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 1, Color.RED);
            for (String name : List.of("bad\u001b[2Jname", "two\nlines", "cod\u202Egnp.exe")) {
                CliRun run = CliRun.of("dataset", "mkclass", ds.toString(), name);
                assertThat(run.exitCode()).isEqualTo(3);
                assertThat(run.err()).contains("cannot hold control characters").doesNotContain("\u001b");
                CliRun rename = CliRun.of("dataset", "rename", ds.toString(), "red", name);
                assertThat(rename.exitCode()).isEqualTo(3);
            }
            try (var classes = Files.list(ds)) {
                assertThat(classes.filter(p -> !p.getFileName().toString().startsWith(".")))
                        .containsExactly(ds.resolve("red"));
            }
            Results.note(CliRun.of("dataset", "mkclass", ds.toString(), "two\nlines").err().strip());
        });
    }

    /** A real bundle on the default backbone (so classify runs) whose labels are hostile. */
    private Path hostileModel() throws Exception {
        BackboneDescriptor d = BackboneRegistry.standard().require(BackboneRegistry.DEFAULT_ID);
        Random r = new Random(1);
        float[][] x = new float[20][d.featureDim()];
        int[] y = new int[20];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = r.nextFloat();
            }
            y[i] = i % 2;
        }
        TrainedHead head = new HeadTrainer().train(new LabelledFeatures(x, y), new LabelledFeatures(x, y), 2,
                TrainingConfig.defaults().withEpochs(2), JobMonitor.silent());
        ModelManifest m = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, List.of(CLEAR, FORGED),
                new BackboneRef(d.id(), d.displayName(), d.cutLayer(), d.featureDim()), d.input(), 1.0, null);
        Path file = dir.resolve("hostile.loupe");
        ModelFiles.save(new ModelBundle(m, head.scaler(), head.network()), file);
        return file;
    }
}
