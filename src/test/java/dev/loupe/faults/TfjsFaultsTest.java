package dev.loupe.faults;

import dev.loupe.cli.CliRun;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImportedBackbones;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.importer.BackboneImporter;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile TF.js / Teachable Machine folders, given to {@code loupe classify} and to the backbone import: shard paths
 * that lead out of the folder, shards that are huge, special or linked out, impossible shapes. Each is refused with
 * one clear sentence, without reading what it points at (nor saying its size), and leaves nothing behind.
 */
class TfjsFaultsTest {

    private static final String MODEL = """
            {"modelTopology": {"class_name": "Sequential", "keras_version": "tfjs-layers 1.3.1",
              "config": {"name": "m", "layers": [
                {"class_name": "Dense", "config": {"name": "d1", "units": 2, "activation": "softmax",
                  "use_bias": true, "batch_input_shape": [null, 3]}}]}},
             "weightsManifest": [{"paths": PATHS, "weights": [
               {"name": "d1/kernel", "shape": SHAPE, "dtype": "float32"},
               {"name": "d1/bias", "shape": [2], "dtype": "float32"}]}]}
            """;

    @TempDir Path dir;
    private Path photo;

    @BeforeEach
    void setUp() {
        System.setProperty("loupe.data.dir", dir.resolve("userdata").toString());
        photo = TestImages.png(dir.resolve("photo.png"), Color.RED, 16, 1);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("loupe.data.dir");
    }

    @Test
    void shardPathsOutsideTheFolder() throws Exception {
        Results.check("models", "TF.js shard paths outside the model's folder (/etc/passwd, ../../.., a link out)",
                "classify and import refuse, naming the path and the folder, never the outside file's size; "
                        + "nothing imported", () -> {
            String passwdSize = String.valueOf(Files.size(Path.of("/etc/passwd")));
            Path absolute = model("absolute", "[\"/etc/passwd\"]", "[3, 2]");
            Path up = model("up", "[\"../../../../../../../../etc/passwd\"]", "[3, 2]");
            Path link = model("link", "[\"w.bin\"]", "[3, 2]");
            Files.createSymbolicLink(link.resolve("w.bin"), Path.of("/etc/passwd"));
            for (Path m : new Path[]{absolute, up, link}) {
                String said = refusedByBoth(m, "outside");
                assertThat(said).doesNotContain(passwdSize).doesNotContain("root:");
                Results.note(said.replace(dir.toString(), "…"));
            }
        });
    }

    @Test
    void hugeAndSpecialShards() throws Exception {
        Results.check("models", "TF.js shard that is a 3 GB file, a FIFO or a link to /dev/zero",
                "refused at once (sizes checked against model.json before reading; only regular files), no hang, "
                        + "no OutOfMemoryError; nothing imported", () -> {
            Path huge = model("huge", "[\"w.bin\"]", "[3, 2]");
            try (RandomAccessFile f = new RandomAccessFile(huge.resolve("w.bin").toFile(), "rw")) {
                f.setLength(3L << 30); // sparse: takes no disk space
            }
            Path fifo = model("fifo", "[\"w.bin\"]", "[3, 2]");
            new ProcessBuilder("mkfifo", fifo.resolve("w.bin").toString()).start().waitFor();
            Path zero = model("zero", "[\"w.bin\"]", "[3, 2]");
            Files.createSymbolicLink(zero.resolve("w.bin"), Path.of("/dev/zero"));
            String said = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                refusedByBoth(fifo, "not a regular file");
                refusedByBoth(zero, "outside");
                return refusedByBoth(huge, "3221225472 bytes, but model.json describes 32");
            });
            Results.note(said.replace(dir.toString(), "…"));
        });
    }

    @Test
    void impossibleShapes() throws Exception {
        Results.check("models", "TF.js weight shapes that are negative, fractional or overflow",
                "one sentence naming the weight and its shape; no stack trace", () -> {
            String said = refusedByBoth(model("negative", "[\"w.bin\"]", "[-144, 3]"), "whole number from 0 up");
            assertThat(said).contains("d1/kernel").contains("[-144,3]");
            refusedByBoth(model("fraction", "[\"w.bin\"]", "[1.5, 2]"), "whole number from 0 up");
            refusedByBoth(model("overflow", "[\"w.bin\"]", "[65536, 65536]"), "too large");
            Results.note(said.replace(dir.toString(), "…"));
        });
    }

    /** Both ways in refuse the model with {@code phrase}; returns what classify said. */
    private String refusedByBoth(Path model, String phrase) throws Exception {
        CliRun run = CliRun.of("classify", model.toString(), photo.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains(phrase).contains(model.toString()).doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
        var request = new BackboneImporter.Request(model, null, null, "hostile " + model.getFileName(),
                InputSpec.Scaling.MINUS_ONE_TO_ONE);
        assertThatThrownBy(() -> BackboneImporter.run(request, BackboneRegistry.standard(), JobMonitor.silent()))
                .hasMessageContaining(phrase).hasMessageContaining(model.toString());
        assertThat(ImportedBackbones.list()).isEmpty();
        if (Files.exists(ImportedBackbones.root())) {
            try (Stream<Path> left = Files.list(ImportedBackbones.root())) {
                assertThat(left).as("no folder left by the refused import").filteredOn(Files::isDirectory).isEmpty();
            }
        }
        return run.err().strip();
    }

    private Path model(String name, String paths, String shape) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("models").resolve(name));
        Files.writeString(folder.resolve("model.json"), MODEL.replace("PATHS", paths).replace("SHAPE", shape));
        Files.writeString(folder.resolve("metadata.json"), "{\"labels\": [\"a\", \"b\"], \"imageSize\": 8}");
        return folder;
    }
}
