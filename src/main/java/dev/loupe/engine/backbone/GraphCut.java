package dev.loupe.engine.backbone;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a whole network at its feature layer: everything that does not feed that layer (the classifier) is removed,
 * and a spatial output (a convolution block) is average-pooled into one vector, the usual transfer-learning
 * feature. Works on NCHW graphs (after {@link NchwRewriter}).
 */
final class GraphCut {

    /** Name of the pooling vertex Loupe adds after a spatial cut layer. */
    static final String POOL = "loupe_gap";

    private GraphCut() {
    }

    static ComputationGraph cut(ComputationGraph graph, String layer, InputSpec spec) throws BackboneException {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (!conf.getVertices().containsKey(layer)) {
            throw new BackboneException("The network has no layer named '" + layer + "'. Its last layers are: "
                    + String.join(", ", lastLayers(conf, 8)));
        }
        ComputationGraph cut = graph;
        if (!conf.getNetworkOutputs().equals(List.of(layer))) {
            Set<String> keep = ancestors(conf, layer);
            TransferLearning.GraphBuilder b = new TransferLearning.GraphBuilder(graph);
            for (String v : conf.getVertices().keySet()) {
                if (!keep.contains(v)) {
                    b.removeVertexAndConnections(v);
                }
            }
            cut = b.setOutputs(layer).build();
        }
        if (probe(cut, spec).rank() == 4) {
            cut = new TransferLearning.GraphBuilder(cut)
                    .addLayer(POOL, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), layer)
                    .setOutputs(POOL).build();
        }
        return cut;
    }

    /** The graph's output for one mid-grey image: shows the output's shape, and that the numbers are finite. */
    static INDArray probe(ComputationGraph graph, InputSpec spec) {
        INDArray grey = Nd4j.zeros(1, 3, spec.height(), spec.width()).addi(spec.scaling().apply(128, 1));
        return graph.outputSingle(false, grey);
    }

    /** The last layers in topological order, to suggest a cut. */
    static List<String> lastLayers(ComputationGraphConfiguration conf, int n) {
        List<String> order = conf.getTopologicalOrderStr();
        return order.subList(Math.max(0, order.size() - n), order.size());
    }

    private static Set<String> ancestors(ComputationGraphConfiguration conf, String layer) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(layer));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (seen.add(v)) {
                todo.addAll(conf.getVertexInputs().getOrDefault(v, List.of()));
            }
        }
        return seen;
    }
}
