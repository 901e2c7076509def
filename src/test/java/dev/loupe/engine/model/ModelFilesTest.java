package dev.loupe.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFilesTest {

    private static ModelBundle bundle;
    @TempDir Path dir;

    @BeforeAll
    static void trainATinyModel() {
        LabelledFeatures data = new LabelledFeatures(new float[][]{{1, 0}, {0, 1}, {0.9f, 0.1f}, {0.1f, 0.9f}},
                new int[]{0, 1, 0, 1});
        var head = new HeadTrainer().train(data, data, 2, TrainingConfig.defaults().withEpochs(5),
                JobMonitor.silent());
        InputSpec spec = new InputSpec(8, 8, InputSpec.ChannelOrder.RGB, InputSpec.Scaling.ZERO_TO_ONE,
                InputSpec.Layout.NCHW, 1);
        ModelManifest manifest = new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND,
                List.of("left", "right"), new BackboneRef("fake", "Fake", "cut", 2), spec, 1.5, null);
        bundle = new ModelBundle(manifest, head.scaler(), head.network());
    }

    @Test
    void aSavedModelLoadsWithTheSameLabelsAndTheSameOutputs() throws IOException {
        Path file = dir.resolve("m.loupe");
        ModelFiles.save(bundle, file);
        ModelBundle back = ModelFiles.load(file);
        assertThat(back.manifest()).isEqualTo(bundle.manifest());
        float[][] x = {{1, 0}, {0.2f, 0.7f}};
        assertThat(back.probabilities(x)).isDeepEqualTo(bundle.probabilities(x));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aModelFromANewerFormatIsRefusedWithAMessageThatSaysSo() throws IOException {
        Path file = dir.resolve("newer.loupe");
        ModelFiles.save(bundle, file);
        rewriteManifest(file, m -> m.put("formatVersion", 7));
        assertThatThrownBy(() -> ModelFiles.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("newer Loupe").hasMessageContaining("format 7");
    }

    @Test
    void aTruncatedModelIsReportedAsDamaged() throws IOException {
        Path file = dir.resolve("cut.loupe");
        ModelFiles.save(bundle, file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFiles.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void aZipThatIsNotALoupeModelIsRefused() throws IOException {
        Path file = dir.resolve("other.loupe");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write("{\"hello\": 1}".getBytes());
        }
        assertThatThrownBy(() -> ModelFiles.load(file)).hasMessageContaining("not a Loupe model");
        Path text = Files.writeString(dir.resolve("text.loupe"), "just text");
        assertThatThrownBy(() -> ModelFiles.readManifest(text)).hasMessageContaining("damaged");
    }

    private static void rewriteManifest(Path file, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        byte[] head;
        ObjectNode manifest;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            manifest = (ObjectNode) json.readTree(zip.getInputStream(zip.getEntry(ModelFiles.MANIFEST)));
            head = zip.getInputStream(zip.getEntry(ModelFiles.HEAD)).readAllBytes();
        }
        edit.accept(manifest);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(ModelFiles.MANIFEST));
            zip.write(json.writeValueAsBytes(manifest));
            zip.putNextEntry(new ZipEntry(ModelFiles.HEAD));
            zip.write(head);
        }
    }
}
