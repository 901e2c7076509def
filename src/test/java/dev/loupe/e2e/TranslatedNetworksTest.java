package dev.loupe.e2e;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.coreml.CoremlExport;
import dev.loupe.engine.onnx.OnnxExporter;
import dev.loupe.engine.onnx.OnnxModelView;
import dev.loupe.engine.tflite.TfliteExport;
import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.training.TemperatureScaling;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The TFLite and Core ML translations of layers the bundled MobileNets do not use (explicit padding, pooling of both
 * kinds, averages with and without the padding in the divisor, separable convolutions, upsampling, concatenation, element-wise merges, a batch norm after an activation,
 * leaky ReLU, sigmoid, tanh, flattening a feature map), each in a small random classifier: TensorFlow Lite's C
 * library and the Core ML check give DL4J's probabilities within 1e-4.
 */
class TranslatedNetworksTest {

    private static final int SIZE = 16;
    private static final InputSpec SPEC = new InputSpec(SIZE, SIZE, InputSpec.ChannelOrder.RGB,
            InputSpec.Scaling.ZERO_TO_ONE, InputSpec.Layout.NCHW, 1);
    private static final List<String> LABELS = List.of("a", "b", "c");

    @TempDir Path dir;

    @Test
    void manyLayerKindsEndingInGlobalPooling() throws Exception {
        assertBothFormatsMatchDl4j(graph(b -> b
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(6).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.LEAKYRELU).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("dw", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU6).build(), "bn")
                .addLayer("pad", new ZeroPaddingLayer.Builder(1, 1, 0, 1).build(), "dw")
                .addLayer("max", new SubsamplingLayer.Builder(PoolingType.MAX, new int[]{2, 2}).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "pad")
                .addLayer("sep", new SeparableConvolution2D.Builder(3, 3).nOut(8).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build(), "max")
                .addLayer("up", new Upsampling2D.Builder(2).build(), "sep")
                .addLayer("side", new ConvolutionLayer.Builder(1, 1).nOut(8).activation(Activation.SIGMOID).build(),
                        "up")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "up", "side")
                .addVertex("product", new ElementWiseVertex(ElementWiseVertex.Op.Product), "up", "side")
                .addVertex("diff", new ElementWiseVertex(ElementWiseVertex.Op.Subtract), "sum", "product")
                .addVertex("cat", new MergeVertex(), "diff", "side")
                .addLayer("avg", new SubsamplingLayer.Builder(PoolingType.AVG, new int[]{3, 3}).stride(1, 1)
                        .padding(1, 1).convolutionMode(ConvolutionMode.Truncate).build(), "cat")
                .addLayer("avgAll", new SubsamplingLayer.Builder(PoolingType.AVG, new int[]{2, 2}).stride(2, 2)
                        .padding(1, 1).avgPoolIncludePadInDivisor(true).convolutionMode(ConvolutionMode.Truncate)
                        .build(), "avg")
                .addLayer("gap", new GlobalPoolingLayer(PoolingType.AVG), "avgAll")
                .setOutputs("gap")), 16);
    }

    @Test
    void flatteningAFeatureMapLargerThanOnePixel() throws Exception {
        assertBothFormatsMatchDl4j(graph(b -> b
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).stride(5, 5)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).build(), "in")
                .addVertex("flat", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(3, 3, 4)), "conv")
                .setOutputs("flat")), 36);
    }

    /** A classifier with a hidden layer and a temperature on {@code backbone}, in both formats, against DL4J. */
    private void assertBothFormatsMatchDl4j(ComputationGraph backbone, int features) throws Exception {
        MultiLayerNetwork head = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new DenseLayer.Builder().nIn(features).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(6).nOut(LABELS.size()).activation(Activation.SOFTMAX).build())
                .build());
        head.init();
        Nd4j.getRandom().setSeed(7);
        INDArray pixels = Nd4j.rand(DataType.FLOAT, 6, 3, SIZE, SIZE).muli(255);
        INDArray x = pixels.div(255);
        float[][] f = backbone.outputSingle(false, x).toFloatMatrix();
        FeatureScaler scaler = FeatureScaler.fit(f);
        float[][] expected = TemperatureScaling.apply(head.output(Nd4j.create(scaler.apply(f)), false)
                .toFloatMatrix(), 1.7);
        OnnxModelView view = OnnxExporter.classifierView(backbone, SPEC, null, scaler, head, 1.7, LABELS, "test");

        Path tflite = Files.write(dir.resolve("m.tflite"),
                TfliteExport.model(view, TfliteExport.Precision.FLOAT32, LABELS, SPEC, "test"));
        assertClose("TFLite", expected, Validators.tflite(tflite, raw(x.permute(0, 2, 3, 1)), expected.length, dir));

        Path mlmodel = Files.write(dir.resolve("m.mlmodel"), CoremlExport.model(view, SPEC, LABELS, "test"));
        assertClose("Core ML", expected, Validators.coreml(mlmodel, raw(pixels.permute(0, 2, 3, 1)), expected.length,
                dir));
    }

    private static void assertClose(String format, float[][] expected, float[][] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as(format).hasSize(LABELS.size());
            for (int c = 0; c < LABELS.size(); c++) {
                assertThat((double) actual[i][c]).as("%s [%d][%d]", format, i, c)
                        .isCloseTo(expected[i][c], within(1e-4));
            }
        }
    }

    private Path raw(INDArray nhwc) throws Exception {
        float[] values = nhwc.dup('c').data().asFloat();
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return Files.write(Files.createTempFile(dir, "in", ".f32"), b.array());
    }

    private static ComputationGraph graph(java.util.function.UnaryOperator<ComputationGraphConfiguration.GraphBuilder>
                                                  layers) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(11)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in");
        ComputationGraph graph = new ComputationGraph(layers.apply(b)
                .setInputTypes(InputType.convolutional(SIZE, SIZE, 3)).build());
        graph.init();
        randomiseBatchNorms(graph);
        return graph;
    }

    /** Fresh batch norms are the identity; random statistics make their translation matter. */
    private static void randomiseBatchNorms(ComputationGraph graph) {
        for (var layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                // gamma, beta, mean, and the variance or (by default) log10 of the standard deviation
                layer.paramTable().forEach((name, p) -> p.assign(Nd4j.rand(DataType.FLOAT, p.shape())
                        .subi(0.5).muli(name.equals("log10stdev") ? 0.3 : 1).addi(name.equals("gamma")
                                || name.equals("var") ? 1 : 0)));
            }
        }
    }
}
