package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.FineTunable;
import dev.loupe.engine.backbone.ImportedBackbones;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.Dl4jFeatureExtractor;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Importing the shared real models (copied into a temporary folder first) as backbones. */
class BackboneImporterTest {

    @TempDir Path tmp;

    @BeforeEach
    void useTempDataDir() {
        System.setProperty("loupe.data.dir", tmp.resolve("data").toString());
        System.setProperty("loupe.cache.dir", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("loupe.data.dir");
        System.clearProperty("loupe.cache.dir");
    }

    static Path copyModel(Path into, String model, String... files) throws Exception {
        Path dir = Files.createDirectories(into);
        for (String f : files) {
            Files.copy(SharedData.root().resolve("models").resolve(model).resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static BackboneDescriptor importIt(Path model, Path weights, String name) throws Exception {
        return BackboneImporter.run(new BackboneImporter.Request(model, weights, null, name, null),
                BackboneRegistry.standard(), JobMonitor.silent());
    }

    @Test
    void aTeachableMachineExportBecomesABackboneCutAtItsBasePooling() throws Exception {
        Path tm = copyModel(tmp.resolve("tm"), "mobilenet_v2_0.35_224", "model.json", "weights.bin",
                "metadata.json");
        BackboneDescriptor d = importIt(tm, null, "My TM model");

        assertThat(d.id()).isEqualTo("my-tm-model");
        assertThat(d.state()).isEqualTo(BackboneState.IMPORTED);
        assertThat(d.format()).isEqualTo("tfjs-layers");
        assertThat(d.cutLayer()).isEqualTo("global_average_pooling2d_GlobalAveragePooling2D2");
        assertThat(d.featureDim()).isEqualTo(1280);
        assertThat(d.parameters()).as("the MobileNetV2 base only, head dropped").isEqualTo(410_208);
        assertThat(d.input().width()).isEqualTo(224);
        assertThat(d.input().scaling()).as("Teachable Machine's x / 127 - 1")
                .isEqualTo(InputSpec.Scaling.TEACHABLE_MACHINE);
        assertThat(d.input().fit()).as("Teachable Machine's centre crop").isEqualTo(InputSpec.Fit.CENTRE_CROP);
        assertThat(ImportedBackbones.folder(d.id()).resolve("backbone.json")).exists();
        assertThat(ImportedBackbones.folder(d.id()).resolve("weights.bin")).exists();

        BackboneDescriptor listed = BackboneRegistry.standard().require("my-tm-model");
        assertThat(listed).isEqualTo(d);
        try (Dl4jFeatureExtractor ex = new Dl4jFeatureExtractor(BackboneLoader.load(listed))) {
            Path rose = Files.list(SharedData.flowers().resolve("roses")).sorted().findFirst().orElseThrow();
            float[][] f = ex.extract(ImagePreparer.prepare(rose, ex.inputSpec()), 1);
            assertThat(f[0]).hasSize(1280);
        }
    }

    @Test
    void aKerasJsonAndWeightsPairImports() throws Exception {
        Path dir = copyModel(tmp.resolve("k"), "keras_mobilenet_v1_0.25_224",
                "mobilenet_v1_0.25_224_notop_gap.json", "mobilenet_2_5_224_tf_no_top.h5");
        BackboneDescriptor d = importIt(dir.resolve("mobilenet_v1_0.25_224_notop_gap.json"),
                dir.resolve("mobilenet_2_5_224_tf_no_top.h5"), null);
        assertThat(d.id()).isEqualTo("mobilenet_v1_0.25_224_notop_gap".replace('_', '-'));
        assertThat(d.format()).isEqualTo("keras-json-h5");
        assertThat(d.featureDim()).isEqualTo(256);
        assertThat(d.parameters()).isEqualTo(218_544);
        assertThat(d.fineTunable()).as("recorded at import, so the Train pane need not load it")
                .isEqualTo(new FineTunable(2, null));
        assertThat(BackboneRegistry.standard().require(d.id()).fineTunable()).isEqualTo(d.fineTunable());
    }

    @Test
    void aSingleKerasH5Imports() throws Exception {
        Path dir = copyModel(tmp.resolve("h"), "mobilenet_v2_0.35_224", "mobilenet_v2_0.35_224_imagenet_notop_gap.h5");
        BackboneDescriptor d = importIt(dir.resolve("mobilenet_v2_0.35_224_imagenet_notop_gap.h5"), null, "v2 h5");
        assertThat(d.format()).isEqualTo("keras-h5");
        assertThat(d.cutLayer()).isEqualTo("gap");
        assertThat(d.featureDim()).isEqualTo(1280);
        assertThat(d.input().height()).isEqualTo(224);
        assertThat(d.fineTunable().maxBlocks()).isEqualTo(1);
        assertThat(d.fineTunable().why()).as("under its own id, not the staging folder's").startsWith("Backbone v2-h5 ");
    }

    @Test
    void aModelWithAnUnsupportedLayerIsRefusedNamingItAndLeavesNothing() throws Exception {
        Path dir = copyModel(tmp.resolve("u"), "keras_mobilenet_v1_0.25_224", "mobilenet_2_5_224_tf_no_top.h5");
        Path json = Files.writeString(dir.resolve("fancy.json"), """
                {"class_name": "Model", "keras_version": "2.2.4", "backend": "tensorflow", "config": {
                  "name": "fancy",
                  "layers": [
                    {"name": "input_1", "class_name": "InputLayer", "inbound_nodes": [],
                     "config": {"batch_input_shape": [null, 224, 224, 3], "dtype": "float32", "name": "input_1"}},
                    {"name": "sparkle", "class_name": "FancySparkleLayer", "inbound_nodes": [[["input_1", 0, 0, {}]]],
                     "config": {"name": "sparkle"}}
                  ],
                  "input_layers": [["input_1", 0, 0]], "output_layers": [["sparkle", 0, 0]]}}
                """);
        assertThatThrownBy(() -> importIt(json, dir.resolve("mobilenet_2_5_224_tf_no_top.h5"), "fancy"))
                .isInstanceOf(BackboneException.class)
                .hasMessageContaining("its layer type 'FancySparkleLayer' is not supported by DL4J's Keras import");
        assertThat(ImportedBackbones.folder("fancy")).doesNotExist();
        assertThat(BackboneRegistry.standard().find("fancy")).isEmpty();
    }
}
