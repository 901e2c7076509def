package dev.loupe.engine.onnx;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.FeatureMaps;
import dev.loupe.engine.features.OrtFeatureExtractor;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exported backbone's second output, the maps its features pool, or the reason it has none. */
class FeatureMapsExportTest {

    private static final InputSpec SPEC = new InputSpec(16, 16, InputSpec.ChannelOrder.RGB,
            InputSpec.Scaling.ZERO_TO_ONE, InputSpec.Layout.NCHW, 1);

    @Test
    void givesTheMapsBeforeGlobalMaxPoolingAsDl4jComputesThem() throws Exception {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().seed(3).graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(5).build(), "in")
                .addLayer("gmp", new GlobalPoolingLayer(PoolingType.MAX), "conv")
                .setOutputs("gmp"));
        INDArray x = Nd4j.rand(1, 3, 16, 16);
        INDArray expected = graph.feedForward(x, false).get("conv");
        try (FeatureExtractor ort = open(graph, 5)) {
            FeatureMaps maps = ort.extractMaps(x.dup('c').data().asFloat());
            assertThat(new long[]{1, maps.channels(), maps.height(), maps.width()}).containsExactly(expected.shape());
            float[] want = expected.dup('c').data().asFloat();
            for (int i = 0; i < want.length; i++) {
                assertThat(maps.maps()[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void saysWhyABackboneCutAtADenseLayerHasNone() throws Exception {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("gap", new GlobalPoolingLayer(PoolingType.AVG), "conv")
                .addLayer("fc", new DenseLayer.Builder().nOut(6).build(), "gap")
                .setOutputs("fc"));
        try (FeatureExtractor ort = open(graph, 6)) {
            assertThat(ort.noFeatureMaps()).hasValueSatisfying(why -> assertThat(why)
                    .contains("Backbone tiny has no feature maps to show").contains("'fc'").contains("DenseLayer"));
            assertThatThrownBy(() -> ort.extractMaps(new float[SPEC.valuesPerImage()]))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("'fc'");
            assertThat(ort.extract(new float[SPEC.valuesPerImage()], 1)[0]).hasSize(6);
        }
    }

    private static FeatureExtractor open(ComputationGraph graph, int dim) throws Exception {
        BackboneDescriptor d = new BackboneDescriptor("tiny", "Tiny", "test", List.of(), SPEC, "out", dim, 0, 0,
                "none", "test", BackboneState.BUNDLED);
        return OrtFeatureExtractor.open(d, OnnxExporter.backbone(graph, SPEC, "tiny", dim).toByteArray(), 1);
    }

    private static ComputationGraph build(ComputationGraphConfiguration.GraphBuilder b) {
        ComputationGraph graph = new ComputationGraph(b.setInputTypes(InputType.convolutional(16, 16, 3)).build());
        graph.init();
        return graph;
    }
}
