package dev.loupe.engine.backbone;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * The backbone's last spatial feature maps: the input of the global pooling its features come from, what a heat
 * map of "where the model looked" is made of (Grad-CAM). The features must be exactly that pooling (average, max or
 * sum), with nothing after it but reshapes and dropout: then the head's gradient with respect to each feature weighs
 * one map. A backbone cut at a dense layer (VGG's fc layers) or at a 1x1 map has none, and {@link #find} says so.
 *
 * @param vertex   the DL4J vertex whose output the maps are (NCHW)
 * @param pooling  how the features pool the maps
 */
public record FeatureMapLayer(String vertex, PoolingType pooling, int channels, int height, int width) {

    /** The features are not pooled from spatial maps; the message says why, in one sentence. */
    public static final class NoFeatureMapsException extends Exception {
        public NoFeatureMapsException(String message) {
            super(message);
        }
    }

    private static final List<PoolingType> LINEAR_ENOUGH = List.of(PoolingType.AVG, PoolingType.MAX,
            PoolingType.SUM);

    /**
     * Finds the maps of a backbone graph as {@link BackboneLoader} returns it (cut, NCHW). Runs the graph once on a
     * grey image to learn their size.
     */
    public static FeatureMapLayer find(ComputationGraph graph, InputSpec spec) throws NoFeatureMapsException {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String v = conf.getNetworkOutputs().get(0);
        GraphVertex vertex = conf.getVertices().get(v);
        while (passesThrough(vertex)) {
            v = conf.getVertexInputs().get(v).get(0);
            vertex = conf.getVertices().get(v);
        }
        if (!(vertex instanceof LayerVertex lv) || !(lv.getLayerConf().getLayer() instanceof GlobalPoolingLayer gp)) {
            throw new NoFeatureMapsException("Its features come from layer '" + v + "' ("
                    + kind(vertex) + "), not from pooling a spatial feature map, so there is no map to show.");
        }
        if (!LINEAR_ENOUGH.contains(gp.getPoolingType())) {
            throw new NoFeatureMapsException("Its features pool the maps with " + gp.getPoolingType()
                    + " pooling, which has no per-position weight to show (average, max or sum pooling would).");
        }
        String input = conf.getVertexInputs().get(v).get(0);
        INDArray grey = Nd4j.zeros(1, 3, spec.height(), spec.width()).addi(spec.scaling().apply(128, 1));
        Map<String, INDArray> activations = graph.feedForward(grey, false);
        long[] shape = activations.get(input).shape();
        if (shape.length != 4 || shape[2] * shape[3] < 2) {
            throw new NoFeatureMapsException("The layer its features pool, '" + input + "', gives "
                    + java.util.Arrays.toString(shape) + ", not a spatial map of several positions.");
        }
        return new FeatureMapLayer(input, gp.getPoolingType(), (int) shape[1], (int) shape[2], (int) shape[3]);
    }

    /** Reshapes and dropout leave the pooled values as they are. */
    private static boolean passesThrough(GraphVertex vertex) {
        if (vertex instanceof PreprocessorVertex || vertex instanceof ReshapeVertex) {
            return true;
        }
        return vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof DropoutLayer;
    }

    private static String kind(GraphVertex vertex) {
        if (vertex instanceof LayerVertex lv) {
            Layer layer = lv.getLayerConf().getLayer();
            return "a " + layer.getClass().getSimpleName();
        }
        return "a " + (vertex == null ? "missing vertex" : vertex.getClass().getSimpleName());
    }
}
