package dev.loupe.engine.backbone;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.loupe.engine.onnx.OnnxExporter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.Xception;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zoo backbones a user can download, built with random weights (the real ones cannot be downloaded here), cut as
 * Loupe cuts them, exported to ONNX and run by ONNX Runtime: the features must equal DL4J's. This is what lets a
 * downloaded zoo backbone use the fast runtime instead of falling back to DL4J. The fully convolutional networks run
 * at 96 px instead of their 224-299 px: the same layers and weights with a tenth of the arithmetic, so the suite stays
 * quick (their global pooling makes the feature size independent of the input size).
 */
class ZooExportTest {

    @Test
    void squeezeNetsConcatenationsExportExactly() throws Exception {
        assertExportMatches("squeezenet", SqueezeNet.builder().numClasses(1000).build(), 227);
    }

    @Test
    void resNet50sPaddedPoolingAndResidualsExportExactly() throws Exception {
        assertExportMatches("resnet50", ResNet50.builder().numClasses(1000).inputShape(new int[]{3, 96, 96}).build(), 96);
    }

    @Test
    void darknet19ExportsExactly() throws Exception {
        assertExportMatches("darknet19", Darknet19.builder().numClasses(1000).inputShape(new int[]{3, 96, 96}).build(), 96);
    }

    @Test
    void xceptionsSeparableConvolutionsExportExactly() throws Exception {
        assertExportMatches("xception", Xception.builder().numClasses(1000).inputShape(new int[]{3, 96, 96}).build(), 96);
    }

    /**
     * VGG's zoo graph declares a flat input (a FeedForwardToCnn reshape first) and flattens before its dense layers.
     * At 64 px instead of 224 the same layers run with 30x fewer weights (its first dense layer alone holds 100M at
     * 224), which keeps the test to seconds and a few hundred MB. VGG19 has the same layer types, so one VGG is tested.
     */
    @Test
    void vgg16sInputReshapeAndFlattenOrderExportExactly() throws Exception {
        assertExportMatches("vgg16", VGG16.builder().numClasses(1000).inputShape(new int[]{3, 64, 64}).build(), 64);
    }

    private static void assertExportMatches(String id, ZooModel zoo, int size) throws Exception {
        BackboneDescriptor listed = BackboneRegistry.standard().require(id);
        InputSpec spec = new InputSpec(size, size, listed.input().channelOrder(), listed.input().scaling(),
                InputSpec.Layout.NCHW, 1);
        Nd4j.getRandom().setSeed(7);
        ComputationGraph cut = GraphCut.cut(tamed((ComputationGraph) zoo.init()), listed.cutLayer(), spec);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, size, size).subi(0.5).muli(2);
        float[][] expected = cut.outputSingle(false, x).toFloatMatrix();
        assertThat(expected[0]).hasSize(listed.featureDim());
        assertThat(Nd4j.create(expected).isNaN().any() || Nd4j.create(expected).isInfinite().any()).isFalse();
        assertThat(Nd4j.create(expected).stdNumber().doubleValue()).as("features that vary").isGreaterThan(1e-3);
        onnx.Onnx.ModelProto model = OnnxExporter.backbone(cut, spec, id, listed.featureDim());
        float[][] actual = run(model, x);
        assertFeatureMapsMatch(id, cut, spec, model, x);
        double scale = 1;
        for (float[] row : expected) {
            for (float v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat((double) actual[i][j]).as("%s features[%d][%d]", id, i, j)
                        .isCloseTo(expected[i][j], org.assertj.core.data.Offset.offset(1e-4 * scale));
            }
        }
    }

    /**
     * The zoo's random initialisation lets ResNet-50's activations overflow to -Float.MAX_VALUE within its 50 layers,
     * which would compare nothing. Weights drawn with variance 1/fan-in keep every network's activations near 1, as
     * trained weights do.
     */
    private static ComputationGraph tamed(ComputationGraph graph) {
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            for (String key : new String[]{"W", "pW"}) {
                INDArray w = layer.paramTable().get(key);
                if (w != null) {
                    long fanIn = w.rank() == 4 ? w.size(1) * w.size(2) * w.size(3) : w.size(0);
                    w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(Math.sqrt(1.0 / fanIn)));
                }
            }
        }
        return graph;
    }

    /**
     * The export's feature maps, when {@link FeatureMapLayer} finds some, are DL4J's activations of that layer;
     * otherwise the export says why it has none (at these small sizes ResNet-50's pooled 1x1 map counts as none).
     */
    private static void assertFeatureMapsMatch(String id, ComputationGraph cut, InputSpec spec,
                                               onnx.Onnx.ModelProto model, INDArray x) throws Exception {
        FeatureMapLayer layer;
        try {
            layer = FeatureMapLayer.find(cut, spec);
        } catch (FeatureMapLayer.NoFeatureMapsException e) {
            assertThat(model.getMetadataPropsList()).as(id).anySatisfy(p -> {
                assertThat(p.getKey()).isEqualTo(OnnxExporter.NO_FEATURE_MAPS);
                assertThat(p.getValue()).isEqualTo(e.getMessage());
            });
            System.out.println(id + ": no feature maps: " + e.getMessage());
            return;
        }
        float[] expected = cut.feedForward(x, false).get(layer.vertex()).dup('c').data().asFloat();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.dup('c').data().asFloat()), x.shape());
             OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT, in),
                     java.util.Set.of(OnnxExporter.FEATURE_MAPS))) {
            float[] actual = new float[expected.length];
            ((OnnxTensor) r.get(0)).getFloatBuffer().get(actual);
            double scale = 1;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("%s feature_maps[%d]", id, i)
                        .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4 * scale));
            }
        }
        System.out.println(id + ": feature maps " + layer);
    }

    private static float[][] run(onnx.Onnx.ModelProto model, INDArray x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.dup('c').data().asFloat()), x.shape());
             OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT, in))) {
            return (float[][]) r.get(0).getValue();
        }
    }
}
