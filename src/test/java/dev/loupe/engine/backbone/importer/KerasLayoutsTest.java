package dev.loupe.engine.backbone.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImportedBackbones;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The kinds of Keras files users import, each generated as Keras 2 lays it out (src/test/python/keras_layouts.py,
 * with h5py): Teachable Machine's keras_model.h5 (nested Sequential), a Keras-applications MobileNet with its
 * 1,000-class top, a Keras 2.8 structure JSON with its save_weights file, a 64x64 greyscale CNN. Each imports, cut
 * at the right layer with the right parameters; the greyscale one computes what numpy computes.
 */
class KerasLayoutsTest {

    @TempDir static Path tmp;
    static Path files;
    static JsonNode expected;

    @BeforeAll
    static void writeFixtures() throws Exception {
        System.setProperty("loupe.data.dir", tmp.resolve("data").toString());
        files = tmp.resolve("fixtures");
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/keras_layouts.py", files.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("the fixtures need Debian's python3-h5py (as .ci/run installs): " + output).isTrue();
        expected = new ObjectMapper().readTree(files.resolve("expected.json").toFile());
    }

    @AfterAll
    static void restore() {
        System.clearProperty("loupe.data.dir");
    }

    private static BackboneDescriptor importIt(Path model, Path weights, String name) throws Exception {
        return BackboneImporter.run(new BackboneImporter.Request(model, weights, null, name, null),
                BackboneRegistry.standard(), JobMonitor.silent());
    }

    private static void assertImported(BackboneDescriptor d, String kind) {
        JsonNode e = expected.get(kind);
        assertThat(d.cutLayer()).as(kind + " cut").isEqualTo(e.get("cut").asText());
        assertThat(d.featureDim()).as(kind + " features").isEqualTo(e.get("features").asInt());
        assertThat(d.parameters()).as(kind + " parameters up to the cut").isEqualTo(e.get("parameters").asLong());
    }

    @Test
    void teachableMachinesKerasExportImportsAndOnlyItsModelFileIsCopied() throws Exception {
        BackboneDescriptor d = importIt(files.resolve("tm/keras_model.h5"), null, "tm keras");
        assertImported(d, "tm");
        assertThat(d.input().fit()).as("Teachable Machine's centre crop").isEqualTo(InputSpec.Fit.CENTRE_CROP);
        assertThat(d.input().scaling()).isEqualTo(InputSpec.Scaling.TEACHABLE_MACHINE);
        try (var copied = Files.list(ImportedBackbones.folder(d.id()))) {
            assertThat(copied.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("keras_model.h5", "backbone.json");
        }
    }

    @Test
    void aMobileNetWithItsImageNetTopIsCutBeforeTheTop() throws Exception {
        BackboneDescriptor d = importIt(files.resolve("mobilenet_top.h5"), null, "mobilenet top");
        assertImported(d, "mobilenet_top");
        assertThat(d.input().fit()).isEqualTo(InputSpec.Fit.STRETCH);
        assertThat(d.input().scaling()).isEqualTo(InputSpec.Scaling.MINUS_ONE_TO_ONE);
    }

    @Test
    void aKeras28WeightsFileWithTopLevelModelWeightsImports() throws Exception {
        assertImported(importIt(files.resolve("keras28/model.json"), files.resolve("keras28/weights.h5"),
                "keras 2.8"), "keras28");
    }

    @Test
    void aGreyscaleModelTakesRgbAndComputesWhatNumpyComputes() throws Exception {
        BackboneDescriptor d = importIt(files.resolve("grey64.h5"), null, "grey 64");
        assertImported(d, "grey64");
        assertThat(d.input().width()).isEqualTo(64);
        float[] rgb = floats(files.resolve("grey64-input.f32"));
        float[] nchw = new float[rgb.length];
        int plane = 64 * 64;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                nchw[c * plane + i] = rgb[i * 3 + c];
            }
        }
        Backbone backbone = BackboneLoader.load(d);
        try (INDArray x = Nd4j.create(nchw, new long[]{1, 3, 64, 64}, 'c')) {
            float[] actual = backbone.graph().outputSingle(false, x).toFloatVector();
            float[] want = floats(files.resolve("grey64-features.f32"));
            assertThat(actual).containsExactly(want, within(1e-4f));
        } finally {
            backbone.graph().close();
        }
    }

    @Test
    void aKeras3ArchiveAndAFileOfAnotherKindAreRefusedSayingWhatTheyAre() throws Exception {
        Path keras3 = Files.write(tmp.resolve("model.keras"), new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0});
        assertThatThrownBy(() -> importIt(keras3, null, "k3")).isInstanceOf(BackboneException.class)
                .hasMessageContaining("Keras 3 '.keras' archive").hasMessageNotContaining("damaged");
        Path text = Files.writeString(tmp.resolve("notes.h5"), "just some notes");
        assertThatThrownBy(() -> importIt(text, null, "notes")).isInstanceOf(BackboneException.class)
                .hasMessageContaining("it is not an HDF5 file").hasMessageNotContaining("damaged");
        assertThat(BackboneRegistry.standard().all().stream().map(BackboneDescriptor::id).toList())
                .doesNotContain("k3", "notes");
    }

    private static float[] floats(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
