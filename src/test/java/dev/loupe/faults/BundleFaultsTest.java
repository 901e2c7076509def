package dev.loupe.faults;

import dev.loupe.cli.CliRun;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Model bundles that lie: about an entry's size, or with parts that disagree (labels against the head's outputs,
 * scaling against the backbone's width, a backbone of another width, an impossible temperature). Each is refused by
 * the real {@code loupe classify} with exit 3 and one sentence naming the file and what disagrees.
 */
class BundleFaultsTest {

    private static final InputSpec SPEC = new InputSpec(8, 8, InputSpec.ChannelOrder.RGB,
            InputSpec.Scaling.ZERO_TO_ONE, InputSpec.Layout.NCHW, 1);

    @TempDir Path dir;
    private TrainedHead head;
    private Path photo;

    @BeforeEach
    void trainATinyHead() {
        LabelledFeatures data = new LabelledFeatures(new float[][]{{1, 0}, {0, 1}, {0.9f, 0.1f}, {0.1f, 0.9f}},
                new int[]{0, 1, 0, 1});
        head = new HeadTrainer().train(data, data, 2, TrainingConfig.defaults().withEpochs(3), JobMonitor.silent());
        photo = TestImages.png(dir.resolve("photo.png"), Color.RED, 16, 1);
    }

    @Test
    void partsThatDisagree() throws Exception {
        Results.check("models", "bundle whose parts disagree: 5 labels for 2 outputs, scaling of 1000 features, "
                + "backbone width 7, a label twice, temperature 0 or -1.5, NaN scaling, mobilenet-v2-0.35 said to "
                + "give 2 features", "each refused by loupe classify (exit 3) naming the file and what "
                + "disagrees; no index error, no answer", () -> {
            refused(save("labels", List.of("a", "b", "c", "d", "e"), ref("fake", 2), 1.0, head.scaler()),
                    "its head gives 2 outputs for 5 labels");
            refused(save("scaler", List.of("a", "b"), ref("fake", 2), 1.0,
                    new FeatureScaler(new float[1000], filled(1000))), "its feature scaling has 1000");
            refused(save("width", List.of("a", "b"), ref("fake", 7), 1.0, head.scaler()), "backbone gives 7");
            refused(save("twice", List.of("a", "a"), ref("fake", 2), 1.0, head.scaler()), "a label twice");
            refused(save("zero", List.of("a", "b"), ref("fake", 2), 0.0, head.scaler()), "temperature is 0.0");
            refused(save("negative", List.of("a", "b"), ref("fake", 2), -1.5, head.scaler()), "temperature is -1.5");
            refused(save("nan", List.of("a", "b"), ref("fake", 2), 1.0,
                    new FeatureScaler(new float[]{0, Float.NaN}, filled(2))), "impossible value at feature 1");
            Path other = save("other", List.of("a", "b"), ref("mobilenet-v2-0.35", 2), 1.0, head.scaler());
            String said = refused(other, "that backbone gives 1280 here");
            Results.note(said.replace(dir.toString(), "…"));
        });
    }

    @Test
    void entryThatLiesAboutItsSize() throws Exception {
        Results.check("models", "bundle entry that lies about its size (scaler.json of 64 MB declared as 40 "
                + "bytes; a head.zip that unpacks to 300 MB)", "refused at once by bytes actually read, naming the "
                + "file; no OutOfMemoryError", () -> {
            Path valid = save("valid", List.of("a", "b"), ref("fake", 2), 1.0, head.scaler());
            Path liar = rezip(valid, "liar.loupe", "scaler.json", " ".repeat(64 << 20) + "{}");
            patchDeclaredSize(liar, "scaler.json", 40);
            ZipEntry declared;
            try (ZipFile z = new ZipFile(liar.toFile())) {
                declared = z.getEntry("scaler.json");
            }
            assertThat(declared.getSize()).isEqualTo(40);
            ByteArrayOutputStream bomb = new ByteArrayOutputStream();
            try (ZipOutputStream inner = new ZipOutputStream(bomb)) {
                inner.putNextEntry(new ZipEntry("coefficients.bin"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 300; i++) {
                    inner.write(zeros);
                }
            }
            Path bombed = rezip(valid, "bomb.loupe", "head.zip", bomb.toByteArray());
            String said = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                refused(bombed, "head.zip unpacks to more than 256 MB");
                return refused(liar, "scaler.json is implausibly large (more than 4194304 bytes once unpacked");
            });
            Results.note(said.replace(dir.toString(), "…"));
        });
    }

    private String refused(Path model, String phrase) {
        CliRun run = CliRun.of("classify", model.toString(), photo.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains(phrase).contains(model.toString()).doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        return run.err().strip();
    }

    private Path save(String name, List<String> labels, BackboneRef ref, double temperature, FeatureScaler scaler)
            throws Exception {
        ModelManifest m = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, labels, ref, SPEC,
                temperature, null);
        Path file = dir.resolve(name + ".loupe");
        ModelFiles.save(new ModelBundle(m, scaler, head.network()), file);
        return file;
    }

    private static BackboneRef ref(String id, int width) {
        return new BackboneRef(id, id, "cut", width);
    }

    private static float[] filled(int n) {
        float[] f = new float[n];
        Arrays.fill(f, 1f);
        return f;
    }

    /** A copy of {@code bundle} with one entry's content replaced. */
    private Path rezip(Path bundle, String name, String entry, Object content) throws Exception {
        return BundleEntries.replace(bundle, dir.resolve(name), entry,
                content instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) content);
    }

    /** Rewrites the uncompressed size that the central directory declares for {@code name}. */
    private static void patchDeclaredSize(Path zipFile, String name, int size) throws Exception {
        byte[] zip = Files.readAllBytes(zipFile);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                int nameLen = b.getShort(i + 28) & 0xFFFF;
                if (new String(zip, i + 46, nameLen, StandardCharsets.UTF_8).equals(name)) {
                    b.putInt(i + 24, size);
                    Files.write(zipFile, zip);
                    return;
                }
            }
        }
        throw new IllegalStateException(name + " not in the central directory");
    }
}
