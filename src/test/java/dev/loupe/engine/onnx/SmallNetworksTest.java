package dev.loupe.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.training.TemperatureScaling;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Layer settings the bundled backbones do not use, checked against DL4J on small random networks. */
class SmallNetworksTest {

    private static final InputSpecs SPEC = new InputSpecs();

    @Test
    void refusesAnUnsupportedLayerNamingItAndItsType() {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("lrn1", new LocalResponseNormalization.Builder().build(), "conv")
                .addLayer("gap", new GlobalPoolingLayer(PoolingType.AVG), "lrn1")
                .setOutputs("gap"));
        assertThatThrownBy(() -> OnnxExporter.backbone(graph, SPEC.spec(), "test", 4))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("'lrn1'").hasMessageContaining("LocalResponseNormalization");
    }

    @Test
    void refusesPoolingItCannotMapNamingTheSetting() {
        ComputationGraph pnorm = build(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.PNORM, new int[]{2, 2}).pnorm(2).build(),
                        "in")
                .addLayer("gap", new GlobalPoolingLayer(PoolingType.AVG), "pool1")
                .setOutputs("gap"));
        assertThatThrownBy(() -> OnnxExporter.backbone(pnorm, SPEC.spec(), "test", 3))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("'pool1'").hasMessageContaining("SubsamplingLayer").hasMessageContaining("PNORM");
        ComputationGraph dilatedAvg = build(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.AVG, new int[]{2, 2}).dilation(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "in")
                .addLayer("gap", new GlobalPoolingLayer(PoolingType.AVG), "pool1")
                .setOutputs("gap"));
        assertThatThrownBy(() -> OnnxExporter.backbone(dilatedAvg, SPEC.spec(), "test", 3))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("'pool1'").hasMessageContaining("dilated average pooling");
    }

    @Test
    void exportsMaxPoolingInTruncateModeKernel3Stride2() throws Exception {
        assertPoolingMatches(pool(PoolingType.MAX, ConvolutionMode.Truncate).build());
    }

    @Test
    void exportsMaxPoolingInSameModeWithAsymmetricPadding() throws Exception {
        // 16 wide, kernel 3, stride 2: 8 outputs need one padding column, which DL4J puts at the right.
        assertPoolingMatches(pool(PoolingType.MAX, ConvolutionMode.Same).build());
    }

    @Test
    void exportsMaxPoolingWithExplicitPaddingAndStrictMode() throws Exception {
        assertPoolingMatches(pool(PoolingType.MAX, ConvolutionMode.Truncate).padding(1, 1).build());
        // Strict: (16 + 2 - 2) / 2 divides exactly.
        assertPoolingMatches(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .padding(1, 1).convolutionMode(ConvolutionMode.Strict).build());
    }

    @Test
    void exportsDilatedMaxPooling() throws Exception {
        assertPoolingMatches(pool(PoolingType.MAX, ConvolutionMode.Truncate).stride(1, 1).dilation(2, 2).build());
    }

    @Test
    void exportsAveragePoolingWithAndWithoutPaddingInTheDivisor() throws Exception {
        // Negative inputs make a wrong divisor visible: padding cells count as zeros when they are included.
        for (boolean includePad : new boolean[]{true, false}) {
            assertPoolingMatches(pool(PoolingType.AVG, ConvolutionMode.Truncate).padding(1, 1)
                    .avgPoolIncludePadInDivisor(includePad).build());
            assertPoolingMatches(pool(PoolingType.AVG, ConvolutionMode.Same)
                    .avgPoolIncludePadInDivisor(includePad).build());
        }
        assertPoolingMatches(pool(PoolingType.AVG, ConvolutionMode.Truncate).build());
    }

    @Test
    void exportsUpsamplingAfterPooling() throws Exception {
        assertFlattenedMatches(b -> b
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("pool", pool(PoolingType.MAX, ConvolutionMode.Same).build(), "conv")
                .addLayer("up", new Upsampling2D.Builder().size(new int[]{2, 3}).build(), "pool"), "up");
    }

    private static SubsamplingLayer.Builder pool(PoolingType type, ConvolutionMode mode) {
        return new SubsamplingLayer.Builder(type).kernelSize(3, 3).stride(2, 2).convolutionMode(mode);
    }

    /** A convolution (so values are signed), the pooling layer, then the pooled map flattened as the output. */
    private static void assertPoolingMatches(SubsamplingLayer pooling) throws Exception {
        assertFlattenedMatches(b -> b
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("pool", pooling.clone(), "conv"), "pool");
    }

    /** Builds the layers, flattens {@code last} as the output, and compares ONNX Runtime with DL4J within 1e-5. */
    private static void assertFlattenedMatches(Consumer<ComputationGraphConfiguration.GraphBuilder> layers,
                                               String last) throws Exception {
        ComputationGraphConfiguration.GraphBuilder probe = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in");
        layers.accept(probe);
        InputType.InputTypeConvolutional t = (InputType.InputTypeConvolutional) probe.setOutputs(last)
                .setInputTypes(InputType.convolutional(16, 16, 3)).build()
                .getLayerActivationTypes(InputType.convolutional(16, 16, 3)).get(last);
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(13).graphBuilder()
                .addInputs("in");
        layers.accept(b);
        ComputationGraph graph = build(b.addVertex("flat", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(
                t.getHeight(), t.getWidth(), t.getChannels())), last).setOutputs("flat"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16).subi(0.5);
        float[][] expected = graph.outputSingle(false, x).toFloatMatrix();
        float[][] actual = run(OnnxExporter.backbone(graph, SPEC.spec(), "test", expected[0].length), x);
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i].length).isEqualTo(expected[i].length);
            for (int j = 0; j < expected[i].length; j++) {
                assertThat((double) actual[i][j]).as("[%d][%d]", i, j).isCloseTo(expected[i][j],
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    /** A head with a hidden Dense layer, after standardisation, with temperature: Loupe's own arithmetic. */
    @Test
    void exportsAWholeClassifierWithHiddenLayerAndTemperature() throws Exception {
        ComputationGraph backbone = build(new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU6)
                        .convolutionMode(ConvolutionMode.Same).build(), "in")
                .addLayer("gap", new GlobalPoolingLayer(PoolingType.AVG), "conv")
                .setOutputs("gap"));
        MultiLayerNetwork head = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(6).nOut(3).activation(Activation.SOFTMAX).build())
                .build());
        head.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 16, 16);
        float[][] features = backbone.outputSingle(false, x).toFloatMatrix();
        FeatureScaler scaler = FeatureScaler.fit(features);
        float[][] raw = head.output(Nd4j.create(scaler.apply(features)), false).toFloatMatrix();
        float[][] expected = TemperatureScaling.apply(raw, 2.5);
        float[][] actual = run(OnnxExporter.classifier(backbone, SPEC.spec(), scaler, head, 2.5,
                List.of("a", "b", "c"), "test"), x);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat((double) actual[i][j]).as("[%d][%d]", i, j).isCloseTo(expected[i][j],
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    private static ComputationGraph build(ComputationGraphConfiguration.GraphBuilder b) {
        ComputationGraph graph = new ComputationGraph(b.setInputTypes(InputType.convolutional(16, 16, 3)).build());
        graph.init();
        return graph;
    }

    static float[][] run(Onnx.ModelProto model, INDArray x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.dup('c').data().asFloat()),
                     x.shape());
             OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT, in))) {
            return (float[][]) r.get(0).getValue();
        }
    }

    /** A 16x16 input spec for the small networks. */
    private static final class InputSpecs {
        dev.loupe.engine.backbone.InputSpec spec() {
            return new dev.loupe.engine.backbone.InputSpec(16, 16, dev.loupe.engine.backbone.InputSpec.ChannelOrder.RGB,
                    dev.loupe.engine.backbone.InputSpec.Scaling.ZERO_TO_ONE,
                    dev.loupe.engine.backbone.InputSpec.Layout.NCHW, 1);
        }
    }
}
