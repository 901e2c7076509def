package dev.loupe.faults;

import dev.loupe.cli.CliRun;
import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.finetune.BackboneTop;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.FineTunedModels;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Crafted fine-tuned bundles (format 2, a {@code backbone-patch.bin} beside the head): each is refused by the real
 * {@code loupe classify} and {@code loupe export} with exit 3 and one sentence naming the file, within seconds, with
 * no stack trace unless {@code -v} is given and nothing exported; the bundle they were made from classifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FineTunedBundleFaultsTest {

    private static final String PATCH = "backbone-patch.bin";
    @TempDir static Path dir;
    private Path photo;
    private Path valid;
    private ModelBundle bundle;

    /** A real fine-tuned bundle on mobilenet-v1-0.25, as training writes it (its top untrained: no photos needed). */
    @BeforeAll
    void makeAFineTunedBundle() throws Exception {
        photo = TestImages.png(dir.resolve("photo.png"), Color.RED, 16, 1);
        BackboneDescriptor d = BackboneRegistry.bundled().require("mobilenet-v1-0.25");
        Backbone backbone = BackboneLoader.load(d);
        try {
            BackboneTop top = BackboneTop.find(backbone, 1);
            ModelManifest m = new ModelManifest(ModelBundle.FORMAT_VERSION, ModelManifest.KIND, List.of("a", "b"),
                    new BackboneRef(d.id(), d.displayName(), d.cutLayer(), d.featureDim()), d.input(), 1.0, null);
            bundle = FineTunedModels.bundle(m, top, top.trainable(2, new Adam(1e-3), 7));
        } finally {
            backbone.graph().close();
        }
        valid = dir.resolve("valid.loupe");
        ModelFiles.save(bundle, valid);
    }

    @Test
    void patchBytesThatLie() throws Exception {
        Results.check("models", "fine-tuned bundle whose backbone-patch.bin is truncated, declares 2^31-1 layers, "
                + "a name of 1 MB or a parameter of 2^28 values in 8 bytes, or is from a future format (patch 2, "
                + "bundle 3)", "each refused by loupe classify and loupe export (exit 3) in one line naming the "
                + "file, no stack trace (only with -v), nothing exported; the bundle they came from classifies", () -> {
            CliRun ok = CliRun.of("classify", valid.toString(), photo.toString(), "-q");
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            byte[] bytes = BundleEntries.read(valid, PATCH);
            String said = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                refused(withPatch("truncated", Arrays.copyOf(bytes, bytes.length / 2)), "fine-tuned backbone");
                refused(withPatch("layers", with(bytes, 4, Integer.MAX_VALUE)),
                        "declares 2147483647 layers, more than its bytes hold");
                refused(withPatch("name", with(bytes, 8, 1 << 20)), "holds a name of 1048576 bytes");
                refused(withPatch("values", oneParameter(1 << 28)), "larger than the bytes that hold it");
                refused(withPatch("future-patch", with(bytes, 0, 2)), "fine-tuned backbone format 2", "Update Loupe");
                String manifest = new String(BundleEntries.read(valid, "manifest.json"), StandardCharsets.UTF_8);
                Path future = BundleEntries.replace(valid, dir.resolve("future.loupe"), "manifest.json",
                        manifest.replaceFirst("\"formatVersion\" ?: ?2", "\"formatVersion\" : 3")
                                .getBytes(StandardCharsets.UTF_8));
                return refused(future, "saved by a newer Loupe (model format 3", "Update Loupe");
            });
            CliRun verbose = CliRun.of("classify", dir.resolve("truncated.loupe").toString(), photo.toString(), "-v");
            assertThat(verbose.exitCode()).isEqualTo(3);
            assertThat(verbose.err()).as("-v shows the stack trace").contains("\tat ");
            Results.note(said.replace(dir.toString(), "…"));
        });
    }

    @Test
    void patchesThatDoNotFitTheBackbone() throws Exception {
        Results.check("models", "fine-tuned bundle whose patch holds NaN or Inf, a parameter of another shape, "
                + "mobilenet-v1-0.75's or mobilenet-v2-0.35's top, or layers mobilenet-v1-0.25 lacks (conv_pw_99, "
                + "its input vertex, ../../etc/passwd)", "each refused by loupe classify and loupe export (exit 3) "
                + "in one line naming the file and the layer, no stack trace, nothing exported", () -> {
            INDArray beta = bundle.patch().params().get("conv_pw_13_bn").get("beta");
            String said = assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
                refused(save("nan", changed("conv_pw_13_bn", "beta", beta.dup().putScalar(5, Float.NaN))),
                        "beta of layer conv_pw_13_bn holds a value that is not a number");
                refused(save("inf", changed("conv_pw_13_bn", "beta",
                        beta.dup().putScalar(0, Float.POSITIVE_INFINITY))), "holds a value that is not a number");
                refused(save("shape", changed("conv_pw_13_bn", "beta", Nd4j.zeros(1, 7))),
                        "parameter beta of layer conv_pw_13_bn is [1, 7], but the installed backbone's is [256]");
                refused(save("v1-0.75", patchOf("mobilenet-v1-0.75")), "conv_dw_13",
                        "but the installed backbone's is");
                refused(save("v2", patchOf("mobilenet-v2-0.35")), "names layer block_16_",
                        "which the installed backbone does not have");
                refused(save("layer-99", changed("conv_pw_99_bn", "beta", beta)),
                        "names layer conv_pw_99_bn, which the installed backbone does not have");
                refused(save("input", changed("input_1", "W", beta)), "names layer input_1");
                return refused(save("passwd", changed("../../etc/passwd", "beta", beta)),
                        "names layer ../../etc/passwd, which the installed backbone does not have");
            });
            Results.note(said.replace(dir.toString(), "…"));
        });
    }

    @Test
    void aBitFlippedInThePatchThatStillInflates() throws Exception {
        Results.check("models", "fine-tuned bundle with one bit of backbone-patch.bin's deflated data flipped, "
                + "where it still inflates to as many bytes (other weights)", "refused by loupe classify and loupe "
                + "export (exit 3) in one line saying it does not match its checksum; nothing exported", () -> {
            Path flipped = BundleEntries.flipInData(valid, dir.resolve("flipped.loupe"), PATCH);
            assertThat(flipped).as("a place where a flipped bit still inflates").isNotNull();
            String said = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> refused(flipped, "backbone-patch.bin does not match its checksum"));
            Results.note(said.replace(dir.toString(), "…"));
        });
    }

    /** Refused by classify and export alike: exit 3, one line naming the file and each phrase, nothing written. */
    private String refused(Path model, String... phrases) {
        Path out = dir.resolve(model.getFileName() + ".onnx");
        String said = null;
        for (CliRun run : List.of(CliRun.of("classify", model.toString(), photo.toString(), "-q"),
                CliRun.of("export", model.toString(), "--format", "onnx", "-o", out.toString()))) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.err()).contains(model.toString()).contains(phrases).doesNotContain("\tat ");
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            said = run.err().strip();
        }
        assertThat(out).doesNotExist();
        return said;
    }

    private Path withPatch(String name, byte[] patch) throws Exception {
        return BundleEntries.replace(valid, dir.resolve(name + ".loupe"), PATCH, patch);
    }

    private Path save(String name, BackbonePatch patch) throws Exception {
        Path out = dir.resolve(name + ".loupe");
        ModelFiles.save(new ModelBundle(bundle.manifest(), bundle.scaler(), bundle.head(), patch), out);
        return out;
    }

    /** The valid patch with one layer's parameter set to {@code value} (added when the layer is not there). */
    private BackbonePatch changed(String layer, String param, INDArray value) {
        Map<String, Map<String, INDArray>> params = new LinkedHashMap<>(bundle.patch().params());
        Map<String, INDArray> p = new LinkedHashMap<>(params.getOrDefault(layer, Map.of()));
        p.put(param, value);
        params.put(layer, p);
        return new BackbonePatch(params);
    }

    /** Another backbone's fine-tuned top, as its training would write it. */
    private static BackbonePatch patchOf(String id) throws Exception {
        Backbone other = BackboneLoader.load(BackboneRegistry.bundled().require(id));
        try {
            BackboneTop top = BackboneTop.find(other, 1);
            return BackbonePatch.of(top, top.trainable(2, new Adam(1e-3), 7));
        } finally {
            other.graph().close();
        }
    }

    private static byte[] with(byte[] bytes, int offset, int value) {
        byte[] out = bytes.clone();
        ByteBuffer.wrap(out).putInt(offset, value);
        return out;
    }

    /** A patch of one layer whose one parameter declares {@code values} floats and holds two. */
    private static byte[] oneParameter(int values) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1);
            out.writeInt(1);
            out.writeInt(13);
            out.writeBytes("conv_pw_13_bn");
            out.writeInt(1);
            out.writeInt(4);
            out.writeBytes("beta");
            out.writeInt(2);
            out.writeInt(1);
            out.writeInt(values);
            out.writeFloat(0);
            out.writeFloat(0);
        }
        return bytes.toByteArray();
    }
}
