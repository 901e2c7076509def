package dev.loupe.engine.backbone;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * A backbone's complete pretrained classifier (not cut at the features): its graph, the class names of its outputs
 * and the input it takes (NHWC: the graph is left as Keras defines it).
 */
public record FullClassifier(ComputationGraph graph, List<String> labels, InputSpec inputSpec) {

    public FullClassifier {
        labels = List.copyOf(labels);
    }

    /**
     * @param images {@code [n, height, width, 3]} prepared with {@link #inputSpec()}
     * @return {@code [n, classes]} class probabilities (the graph may end in a [n, 1, 1, classes] shape)
     */
    public INDArray probabilities(INDArray images) {
        INDArray out = graph.outputSingle(false, images);
        return out.reshape(images.size(0), labels.size());
    }
}
