package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.BackboneException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A training step of the top ({@link BackboneTop#trainable}) as plain matrix products and libnd4j's depthwise op on
 * channels-last maps ({@link TopLayer}), two to three times cheaper than DL4J's {@code fit} of the same graph
 * (docs/benchmarks.md): the
 * gradients are written into the graph's own gradient views and applied by its own updater (Adam, its schedule, the
 * weight decay, the division by the batch size), exactly as {@code fit} applies them, so the graph stays the model
 * that is saved, patched into the backbone and exported; only the arithmetic of the forward and backward passes is
 * done here. Each step also hands back the probabilities it computed before updating, which the epoch's training
 * accuracy and loss need anyway.
 */
final class TopStep {

    private final ComputationGraph net;
    private final List<TopLayer> layers = new ArrayList<>();
    private final INDArray headW;
    private final INDArray headB;
    private final INDArray headGradW;
    private final INDArray headGradB;
    private final DefaultGradient gradient;
    private INDArray pooled;
    private INDArray classWeights;

    TopStep(ComputationGraph net) throws BackboneException {
        this.net = net;
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView();
        }
        gradient = new DefaultGradient(net.getFlattenedGradients());
        Layer head = null;
        for (int index : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[index];
            if (!v.hasLayer()) {
                continue;
            }
            Layer layer = v.getLayer();
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            Map<String, INDArray> grads = conf.initializer().getGradientsFromFlattened(layer.conf(),
                    layer.getGradientsViewArray());
            grads.forEach((param, view) -> gradient.setGradientFor(v.getVertexName() + "_" + param, view));
            if (conf instanceof OutputLayer out) {
                if (!(out.getActivationFn() instanceof ActivationSoftmax && out.getLossFn() instanceof LossMCXENT)) {
                    throw unsupported(v.getVertexName(), "an output layer other than softmax with cross-entropy");
                }
                head = layer;
                classWeights = ((LossMCXENT) out.getLossFn()).getWeights();
            } else if (conf instanceof DepthwiseConvolution2D dw) {
                layers.add(depthwise(v.getVertexName(), dw, layer.paramTable(), grads));
                activation(dw);
            } else if (conf instanceof ConvolutionLayer conv) {
                if (conv.getKernelSize()[0] != 1 || conv.getKernelSize()[1] != 1 || conv.getStride()[0] != 1
                        || conv.getStride()[1] != 1 || conv.getConvolutionMode() != ConvolutionMode.Same
                        && (conv.getPadding()[0] != 0 || conv.getPadding()[1] != 0)) {
                    throw unsupported(v.getVertexName(), "a convolution other than 1x1 with stride 1");
                }
                layers.add(new TopLayer.Pointwise(layer.paramTable(), grads));
                activation(conv);
            } else if (conf instanceof ActivationLayer act) {
                layers.add(new TopLayer.Activation(act.getActivationFn()));
            } else if (conf instanceof ZeroPaddingLayer zp) {
                layers.add(new TopLayer.Pad(zp.getPadding()));
            } else if (conf instanceof GlobalPoolingLayer gp && gp.getPoolingType() == PoolingType.AVG) {
                layers.add(new TopLayer.AveragePool());
            } else {
                throw unsupported(v.getVertexName(), conf.getClass().getSimpleName());
            }
        }
        if (head == null) {
            throw unsupported("(none)", "a top without a softmax layer");
        }
        headW = head.getParam("W");
        headB = head.getParam("b");
        headGradW = gradient.getGradientFor(head.conf().getLayer().getLayerName() + "_W");
        headGradB = gradient.getGradientFor(head.conf().getLayer().getLayerName() + "_b");
        // Adam's state made here, not at the first step: the steps run in a workspace (TopBatches) that it must outlive.
        net.getUpdater();
    }

    /** The top's probabilities [N, classes] for cut maps [N, C, H, W], as {@code net.outputSingle(false, x)}. */
    INDArray output(INDArray nchw) {
        INDArray h = nchw.permute(0, 2, 3, 1).dup('c');
        for (TopLayer layer : layers) {
            h = layer.forward(h);
        }
        pooled = h;
        INDArray logits = h.mmul(headW).addiRowVector(headB);
        return new ActivationSoftmax().getActivation(logits, false);
    }

    /**
     * One step of the graph's updater on a batch: returns the probabilities before the step. {@code labels} one-hot
     * [N, classes].
     */
    INDArray fit(INDArray nchw, INDArray labels) {
        INDArray p = gradients(nchw, labels);
        ComputationGraphUpdater updater = net.getUpdater();
        updater.update(gradient, BaseOptimizer.getIterationCount(net), BaseOptimizer.getEpochCount(net),
                (int) nchw.size(0), LayerWorkspaceMgr.noWorkspaces());
        INDArray params = net.params();
        params.subi(net.getFlattenedGradients().reshape(params.shape()));
        BaseOptimizer.incrementIterationCount(net, 1);
        return p;
    }

    /**
     * The forward and backward passes alone: the graph's gradient views hold the gradients of the summed
     * cross-entropy, as DL4J's {@code computeGradientAndScore} leaves them; returns the probabilities.
     */
    INDArray gradients(INDArray nchw, INDArray labels) {
        INDArray p = output(nchw);
        // softmax with cross-entropy, summed over the batch as DL4J's layers give it; weighed per class as LossMCXENT
        // weighs it: p * sum(w y) - w y, which is w[class] * (p - y) for one-hot labels
        INDArray g;
        if (classWeights == null) {
            g = p.sub(labels);
        } else {
            INDArray weighed = labels.mulRowVector(classWeights.reshape(1, classWeights.length()));
            g = p.mulColumnVector(weighed.sum(true, 1)).subi(weighed);
        }
        Nd4j.gemm(pooled, g, headGradW, true, false, 1.0, 0.0);
        headGradB.assign(g.sum(0).reshape(headGradB.shape()));
        INDArray back = g.mmul(headW.transpose());
        for (int i = layers.size() - 1; i >= 0; i--) {
            back = layers.get(i).backward(back, i > 0);
        }
        return p;
    }

    private TopLayer depthwise(String name, DepthwiseConvolution2D dw, Map<String, INDArray> params,
                               Map<String, INDArray> grads) throws BackboneException {
        int[] k = dw.getKernelSize();
        int[] s = dw.getStride();
        int[] d = dw.getDilation();
        if (dw.getDepthMultiplier() != 1 || d[0] != 1 || d[1] != 1) {
            throw unsupported(name, "a depthwise convolution with a multiplier or dilation");
        }
        boolean same = dw.getConvolutionMode() == ConvolutionMode.Same;
        if (!same && dw.getConvolutionMode() != ConvolutionMode.Truncate) {
            throw unsupported(name, "a depthwise convolution in mode " + dw.getConvolutionMode());
        }
        return new TopLayer.Depthwise(params, grads, k, s, same ? new int[2] : dw.getPadding(), same);
    }

    /** A convolution's own activation, when it has one (MobileNet's have none: ReLU6 is a layer of its own). */
    private void activation(BaseLayer conv) {
        if (!(conv.getActivationFn() instanceof ActivationIdentity)) {
            layers.add(new TopLayer.Activation(conv.getActivationFn()));
        }
    }

    private static BackboneException unsupported(String vertex, String what) {
        return new BackboneException("Fine-tuning cannot train " + what + " (vertex " + vertex + ")");
    }
}
