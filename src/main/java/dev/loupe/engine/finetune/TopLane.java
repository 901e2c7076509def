package dev.loupe.engine.finetune;

import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The top's forward and backward passes over some rows of a batch ({@link TopStep} runs two, one a core), with the
 * state its layers keep between the two passes and gradient arrays of its own: the weights are shared and only read.
 */
final class TopLane {

    private final List<TopLayer> layers;
    private final INDArray headW;
    private final INDArray headB;
    private final INDArray headGradW;
    private final INDArray headGradB;
    private final INDArray classWeights;
    private INDArray pooled;

    /**
     * @param classWeights the loss's weight per class, or null
     */
    TopLane(List<TopLayer> layers, INDArray headW, INDArray headB, INDArray headGradW, INDArray headGradB,
            INDArray classWeights) {
        this.layers = List.copyOf(layers);
        this.headW = headW;
        this.headB = headB;
        this.headGradW = headGradW;
        this.headGradB = headGradB;
        this.classWeights = classWeights;
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
     * The forward and backward passes: this lane's gradient arrays hold the gradients of the cross-entropy summed over
     * these rows, as DL4J's {@code computeGradientAndScore} leaves them; returns the probabilities.
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
}
