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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Layer settings the bundled backbones do not use, checked against DL4J on small random networks. */
class SmallNetworksTest {

    private static final InputSpecs SPEC = new InputSpecs();

    @Test
    void refusesAnUnsupportedLayerNamingItAndItsType() {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX, new int[]{2, 2}).build(), "conv")
                .addLayer("gap", new GlobalPoolingLayer(PoolingType.AVG), "pool1")
                .setOutputs("gap"));
        assertThatThrownBy(() -> OnnxExporter.backbone(graph, SPEC.spec(), "test", 4))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining("'pool1'").hasMessageContaining("SubsamplingLayer");
    }

    /** Bias, explicit padding, max pooling, and batch norm with fixed gamma/beta and a log10 std parameter. */
    @Test
    void exportsBiasPaddingAndBatchNormVariantsExactly() throws Exception {
        ComputationGraph graph = build(new NeuralNetConfiguration.Builder().seed(7).graphBuilder().addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(6).stride(2, 2).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.TANH).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().lockGammaBeta(true).gamma(1.5).beta(-0.25)
                        .useLogStd(true).build(), "conv")
                .addLayer("gmp", new GlobalPoolingLayer(PoolingType.MAX), "bn")
                .setOutputs("gmp"));
        // Non-trivial running statistics, as a trained network has.
        graph.getLayer("bn").setParam("mean", Nd4j.rand(DataType.FLOAT, 1, 6).subi(0.5));
        graph.getLayer("bn").setParam("log10stdev", Nd4j.rand(DataType.FLOAT, 1, 6).muli(0.6).subi(0.3));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
        float[][] expected = graph.outputSingle(false, x).toFloatMatrix();
        float[][] actual = run(OnnxExporter.backbone(graph, SPEC.spec(), "test", 6), x);
        for (int i = 0; i < expected.length; i++) {
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
