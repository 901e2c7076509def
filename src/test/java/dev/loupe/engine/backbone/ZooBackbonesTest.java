package dev.loupe.engine.backbone;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zoo in the registry, and loading a "downloaded" zoo file. No real weights can be fetched here, so the cached
 * file is the zoo's own architecture with random weights, saved the way DL4J saves its pretrained files.
 */
class ZooBackbonesTest {

    @TempDir Path cache;

    @BeforeEach
    void useTempCache() {
        System.setProperty("loupe.cache.dir", cache.toString());
        System.setProperty("loupe.data.dir", cache.resolve("data").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("loupe.cache.dir");
        System.clearProperty("loupe.data.dir");
    }

    @Test
    void theStandardRegistryListsBundledThenTheDownloadableZooWithDl4jsAddressesAndChecksums() throws Exception {
        BackboneRegistry registry = BackboneRegistry.standard();
        assertThat(registry.all()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(registry.all().stream().map(BackboneDescriptor::id)).containsSubsequence("mobilenet-v2-0.35",
                "squeezenet", "resnet50", "vgg16", "vgg19", "darknet19", "xception", "nasnet-mobile");
        // The values in DL4J 1.0.0-M2.1's zoo classes (read with javap when the catalogue was written).
        Map<String, Long> adler = Map.of("squeezenet", 3711411239L, "resnet50", 3914447815L, "vgg16", 3501732770L,
                "vgg19", 2782932419L, "darknet19", 691100891L, "xception", 3277876097L, "nasnet-mobile", 3082463801L);
        for (BackboneDescriptor d : ZooCatalogue.descriptors()) {
            assertThat(d.state()).isEqualTo(BackboneState.DOWNLOADABLE);
            assertThat(ZooCatalogue.url(d).toString()).startsWith("https://").endsWith(d.files().get(0));
            assertThat(ZooCatalogue.adler32(d)).as(d.id()).isEqualTo(adler.get(d.id()));
        }
        assertThat(registry.require("resnet50").input().channelOrder()).isEqualTo(InputSpec.ChannelOrder.BGR);
        assertThat(registry.require("resnet50").input().scaling()).isEqualTo(InputSpec.Scaling.IMAGENET_MEAN);
    }

    @Test
    void aDownloadedSqueezeNetIsCutAtFire9AndPooledTo512Features() throws Exception {
        assertLoads("squeezenet", SqueezeNet.builder().numClasses(1000).build(), 512);
    }

    @Test
    void aDownloadedDarknet19IsCutBeforeItsClassifierConvolution() throws Exception {
        assertLoads("darknet19", Darknet19.builder().numClasses(1000).build(), 1024);
    }

    @Test
    void noZooBackboneHasADepthwiseConvolutionSoNoneIsRecordedAsFineTunable() throws Exception {
        for (BackboneDescriptor d : ZooCatalogue.descriptors()) {
            ZooModel zoo = ZooCatalogue.entry(d.id()).model().get();
            Map<String, GraphVertex> vertices; // the layers as built, without weights
            try {
                vertices = ((ComputationGraphConfiguration) zoo.getClass().getMethod("conf").invoke(zoo)).getVertices();
            } catch (NoSuchMethodException e) {
                try {
                    vertices = ((ComputationGraphConfiguration.GraphBuilder) zoo.getClass().getMethod("graphBuilder")
                            .invoke(zoo)).getVertices();
                } catch (java.lang.reflect.InvocationTargetException unbuildable) {
                    // M2.1's NASNet builder asks for activation types before it has inputs; its cells are built of
                    // SeparableConvolution2D (javap -c NASNetHelper: 20 of them, no DepthwiseConvolution2D).
                    assertThat(d.id()).isEqualTo("nasnet-mobile");
                    continue;
                }
            }
            assertThat(vertices.values()).as(d.id()).noneMatch(FineTunable::isDepthwise).isNotEmpty();
            assertThat(d.fineTunable().maxBlocks()).isZero();
            assertThat(d.fineTunable().why()).contains(d.id());
        }
    }

    private void assertLoads(String id, ZooModel zoo, int dim) throws Exception {
        BackboneDescriptor listed = BackboneRegistry.standard().require(id);
        Path file = ZooCatalogue.file(listed);
        Files.createDirectories(file.getParent());
        ModelSerializer.writeModel((ComputationGraph) zoo.init(), file.toFile(), false);

        BackboneDescriptor d = BackboneRegistry.standard().require(id);
        assertThat(d.state()).isEqualTo(BackboneState.DOWNLOADED);
        assertThat(d.sizeBytes()).isEqualTo(Files.size(file));
        Backbone backbone = BackboneLoader.load(d);
        INDArray out = GraphCut.probe(backbone.graph(), d.input());
        assertThat(out.shape()).containsExactly(1, dim);
        assertThat(d.featureDim()).isEqualTo(dim);
        assertThat(backbone.graph().numParams()).isEqualTo(d.parameters());
        assertThat(out.isInfinite().any() || out.isNaN().any()).isFalse();
        assertThat(List.of(backbone.graph().getConfiguration().getNetworkOutputs())).hasSize(1);
        assertThat(FineTunable.of(backbone).maxBlocks()).as("as recorded").isEqualTo(d.fineTunable().maxBlocks());
    }
}
