package dev.loupe.engine.backbone;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bundled backbone loads, matches its backbone.json and gives features of the recorded size on a photo. */
class BundledBackbonesTest {

    @Test
    void registryListsTheThreeBundledBackbones() {
        assertThat(BackboneRegistry.bundled().all()).extracting(BackboneDescriptor::id)
                .containsExactlyInAnyOrder("mobilenet-v2-0.35", "mobilenet-v1-0.25", "mobilenet-v1-0.75");
        assertThat(BackboneRegistry.bundled().all()).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(BackboneState.BUNDLED);
            assertThat(BackboneRegistry.class.getResource(BackboneRegistry.RESOURCE_ROOT + d.id() + "/LICENSE.txt"))
                    .as("licence of %s", d.id()).isNotNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobilenet-v1-0.25", "mobilenet-v1-0.75"})
    void loadsAndMatchesItsDescriptor(String id) throws Exception {
        BackboneDescriptor d = BackboneRegistry.bundled().require(id);
        long tempBefore = loupeTempDirs();
        Backbone backbone = BackboneLoader.load(d);
        assertThat(loupeTempDirs()).as("temporary copies deleted after the import").isLessThanOrEqualTo(tempBefore);

        assertThat(backbone.graph().numParams()).as("parameters up to the cut").isEqualTo(d.parameters());
        assertThat(backbone.graph().getConfiguration().getNetworkOutputs()).containsExactly(d.cutLayer());
        assertThat(resourceBytes(d)).as("sizeBytes").isEqualTo(d.sizeBytes());

        INDArray features = backbone.graph().outputSingle(false,
                TestImages.batch(TestImages.flowers("tulips", 1), backbone.inputSpec()));
        assertThat(features.shape()).containsExactly(1, d.featureDim());
        assertThat(features.minNumber().doubleValue()).as("after ReLU6 and pooling").isGreaterThanOrEqualTo(0);
        assertThat(features.maxNumber().doubleValue()).isGreaterThan(0.1).isLessThanOrEqualTo(6);
    }

    /** What the Train pane offers without loading the network is what the loaded network allows. */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet-v1-0.25", "mobilenet-v1-0.75", "mobilenet-v2-0.35"})
    void recordsHowManyBlocksItCanFineTune(String id) throws Exception {
        BackboneDescriptor d = BackboneRegistry.bundled().require(id);
        assertThat(d.fineTunable()).isEqualTo(FineTunable.of(BackboneLoader.load(d)));
        assertThat(d.fineTunable().maxBlocks()).isEqualTo(id.startsWith("mobilenet-v1") ? 2 : 1);
    }

    /** The bundled files Loupe reads: the listed ones, or for TF.js model.json and its shards. */
    private static long resourceBytes(BackboneDescriptor d) throws Exception {
        long total = 0;
        for (String file : d.files()) {
            if (file.equals("metadata.json")) {
                continue;
            }
            total += size(d.id() + "/" + file);
        }
        if (d.format().equals("tfjs-layers")) {
            for (int g = 1; g <= 55; g++) {
                total += size(d.id() + "/group" + g + "-shard1of1");
            }
        }
        return total;
    }

    private static long loupeTempDirs() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("loupe-backbone-")).count();
        }
    }

    private static long size(String path) throws Exception {
        try (InputStream in = BackboneRegistry.resource(path)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
