package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.FineTunable;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.onnx.OnnxExporter;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code blocks} depthwise-separable blocks of a backbone (MobileNet v1: depthwise 3x3, batch norm, ReLU6,
 * pointwise 1x1, batch norm, ReLU6) and the cut below them. The part below the cut is exported to ONNX and run once
 * per image ({@link CutRunner}); the part above, with a softmax layer after the pooled features, is a DL4J graph
 * whose input is the cut's maps ({@link #INPUT}), trained on the cached maps.
 *
 * @param cut   the vertex whose output the top takes (the input of the lowest fine-tuned block, below its padding)
 * @param shape the maps at the cut, as the grey probe image gives them
 */
public record BackboneTop(Backbone backbone, int blocks, String cut, CutActivations.Shape shape) {

    /** The softmax layer added after the pooled features. */
    public static final String HEAD = "loupe_finetune_softmax";
    /** The top's input: the maps at the cut. */
    public static final String INPUT = "cut";
    /** ReLU6: the largest value at a cut after a block. */
    private static final float RELU6 = 6f;

    /** The cut {@code blocks} blocks below the feature maps ({@link FineTunable#cut}) and the maps' shape there. */
    public static BackboneTop find(Backbone backbone, int blocks) throws BackboneException {
        String v = FineTunable.cut(backbone, blocks);
        InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
        INDArray grey = Nd4j.zeros(1, 3, spec.height(), spec.width()).addi(spec.scaling().apply(128, 1));
        long[] s = backbone.graph().feedForward(grey, false).get(v).shape();
        return new BackboneTop(backbone, blocks, v, new CutActivations.Shape((int) s[1], (int) s[2], (int) s[3],
                RELU6));
    }

    /** The frozen part, image to cut maps, as an ONNX model (output {@link OnnxExporter#CUT_MAPS}). */
    public byte[] bottomOnnx() {
        return OnnxExporter.upTo(backbone.graph(), backbone.inputSpec().withLayout(InputSpec.Layout.NCHW), cut,
                shape.channels(), shape.height(), shape.width(), backbone.id());
    }

    /**
     * The whole backbone with two outputs, its features ({@link OnnxExporter#FEATURES}) and the maps at the cut
     * ({@link OnnxExporter#CUT_MAPS}): what a fine-tuning run whose features are not cached yet runs once per photo.
     */
    public byte[] withCutOnnx() {
        return OnnxExporter.withCut(backbone.graph(), backbone.inputSpec().withLayout(InputSpec.Layout.NCHW), cut,
                shape.channels(), shape.height(), shape.width(), backbone.descriptor().featureDim(), backbone.id());
    }

    /**
     * The trainable top: the cut maps in, the backbone's last blocks with each batch normalisation folded into the
     * convolution before it (its running mean and variance become that convolution's scale and bias), its pooling,
     * then a softmax layer of {@code classes} outputs, every layer trained by {@code updater}. Folded, the blocks
     * compute exactly what the backbone computes in inference, and training cannot swap the statistics the head was
     * fitted on for those of a batch (the usual advice: batch norm stays in inference mode when fine-tuning).
     */
    public ComputationGraph trainable(int classes, IUpdater updater, long seed) throws BackboneException {
        return trainable(classes, updater, 0, seed);
    }

    /**
     * As {@link #trainable(int, IUpdater, long)}, with decoupled weight decay ({@link WeightDecay}, times the rate)
     * on the blocks' weights: it pulls them back towards zero, not towards ImageNet's values, so it stays small.
     */
    public ComputationGraph trainable(int classes, IUpdater updater, double weightDecay, long seed)
            throws BackboneException {
        return trainable(classes, updater, weightDecay, seed, null);
    }

    /** As above, the softmax layer's cross-entropy weighed per class by {@code classWeights} (null: not weighed). */
    public ComputationGraph trainable(int classes, IUpdater updater, double weightDecay, long seed,
                                      float[] classWeights) throws BackboneException {
        ComputationGraph graph = backbone.graph();
        ComputationGraphConfiguration conf = graph.getConfiguration();
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(updater).graphBuilder().addInputs(INPUT).setInputTypes(InputType.convolutional(
                        shape.height(), shape.width(), shape.channels(), CNN2DFormat.NCHW));
        Map<String, INDArray[]> folded = new LinkedHashMap<>();
        String previous = INPUT;
        List<String> chain = chainAbove(conf);
        for (int i = 0; i < chain.size(); i++) {
            String v = chain.get(i);
            Layer layer = ((LayerVertex) conf.getVertices().get(v)).getLayerConf().getLayer().clone();
            if (layer instanceof ConvolutionLayer conv) {
                BatchNormalization bn = i + 1 < chain.size() ? batchNorm(conf, chain.get(i + 1)) : null;
                if (bn == null) {
                    throw new BackboneException("Backbone " + backbone.id() + ": convolution " + v
                            + " is not followed by batch normalisation, which fine-tuning expects");
                }
                folded.put(v, fold(graph, v, chain.get(++i), bn.getEps(), layer instanceof DepthwiseConvolution2D));
                conv.setHasBias(true);
            } else if (!(layer instanceof ActivationLayer || layer instanceof GlobalPoolingLayer
                    || layer instanceof ZeroPaddingLayer)) {
                throw new BackboneException("Backbone " + backbone.id() + ": fine-tuning does not know layer " + v
                        + " (" + layer.getClass().getSimpleName() + ")");
            }
            if (layer instanceof BaseLayer base) {
                base.setIUpdater(updater);
                base.setBiasUpdater(null);
                base.setRegularization(weightDecay > 0 ? List.of(new WeightDecay(weightDecay, true)) : List.of());
                base.setRegularizationBias(List.of());
            }
            b.addLayer(v, layer, previous);
            previous = v;
        }
        b.addLayer(HEAD, new OutputLayer.Builder(classWeights == null ? new LossMCXENT()
                        : new LossMCXENT(Nd4j.create(classWeights)))
                .nIn(backbone.descriptor().featureDim()).nOut(classes).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).updater(updater).build(), previous).setOutputs(HEAD);
        ComputationGraph top = new ComputationGraph(b.build());
        top.init();
        folded.forEach((v, wb) -> {
            top.getLayer(v).setParam("W", wb[0].reshape(top.getLayer(v).getParam("W").shape()));
            top.getLayer(v).setParam("b", wb[1].reshape(top.getLayer(v).getParam("b").shape()));
        });
        return top;
    }

    /**
     * Each convolution above the cut and the batch normalisation after it, in order: the pairs
     * {@link #trainable} folds and {@link BackbonePatch} unfolds.
     */
    Map<String, String> foldedPairs() throws BackboneException {
        ComputationGraphConfiguration conf = backbone.graph().getConfiguration();
        List<String> chain = chainAbove(conf);
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < chain.size(); i++) {
            if (((LayerVertex) conf.getVertices().get(chain.get(i))).getLayerConf().getLayer()
                    instanceof ConvolutionLayer) {
                if (i + 1 >= chain.size() || batchNorm(conf, chain.get(i + 1)) == null) {
                    throw new BackboneException("Backbone " + backbone.id() + ": convolution " + chain.get(i)
                            + " is not followed by batch normalisation, which fine-tuning expects");
                }
                pairs.put(chain.get(i), chain.get(++i));
            }
        }
        return pairs;
    }

    /** The vertices from just above the cut to the pooled features, in order. */
    private List<String> chainAbove(ComputationGraphConfiguration conf) {
        List<String> chain = new ArrayList<>();
        String v = conf.getNetworkOutputs().get(0);
        while (!v.equals(cut)) {
            chain.add(0, v);
            v = conf.getVertexInputs().get(v).get(0);
        }
        return chain;
    }

    private static BatchNormalization batchNorm(ComputationGraphConfiguration conf, String v) {
        return conf.getVertices().get(v) instanceof LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof BatchNormalization bn ? bn : null;
    }

    /**
     * W' = W * gamma / sqrt(var + eps) per output channel, b' = beta - mean * gamma / sqrt(var + eps) (+ the
     * convolution's own bias through the same scale). Depthwise weights are [kh, kw, in, multiplier], their output
     * channel the last two indices; ordinary ones [out, in, kh, kw].
     */
    private static INDArray[] fold(ComputationGraph graph, String convName, String bnName, double eps,
                                   boolean depthwise) {
        var conv = graph.getLayer(convName);
        var bn = graph.getLayer(bnName);
        float[] gamma = bn.getParam("gamma").toFloatVector();
        float[] beta = bn.getParam("beta").toFloatVector();
        float[] mean = bn.getParam("mean").toFloatVector();
        float[] var = bn.getParam("var").toFloatVector();
        INDArray w = conv.getParam("W");
        float[] bias = conv.paramTable().containsKey("b") ? conv.getParam("b").toFloatVector()
                : new float[gamma.length];
        int out = gamma.length;
        float[] weights = w.dup('c').reshape(w.length()).toFloatVector();
        int perOut = weights.length / out;
        float[] scale = new float[out];
        float[] newBias = new float[out];
        for (int c = 0; c < out; c++) {
            scale[c] = (float) (gamma[c] / Math.sqrt(var[c] + eps));
            newBias[c] = beta[c] + (bias[c] - mean[c]) * scale[c];
        }
        for (int k = 0; k < weights.length; k++) {
            weights[k] *= scale[depthwise ? k % out : k / perOut];
        }
        return new INDArray[] {Nd4j.create(weights, w.shape(), 'c'), Nd4j.create(newBias)};
    }

    /**
     * Starts the softmax layer from a linear head fitted on standardised features ({@code (x - mean) * scale},
     * then {@code weights} [features, classes] and {@code bias}): the scaling is folded into the weights, so the
     * top's first output is that head's (linear probing, then fine-tuning).
     */
    public static void startHead(ComputationGraph top, float[] mean, float[] scale, INDArray weights, INDArray bias) {
        INDArray s = Nd4j.create(scale).reshape(scale.length, 1);
        INDArray w = weights.mul(s);
        INDArray shift = Nd4j.create(mean).reshape(1, mean.length).mmul(w);
        top.getLayer(HEAD).setParam("W", w);
        top.getLayer(HEAD).setParam("b", bias.reshape(1, bias.length()).sub(shift));
    }
}
