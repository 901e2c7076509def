package dev.loupe.engine.backbone.importer;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

import java.util.List;

/**
 * Where to cut an imported network when the user does not say: at its last pooling or flatten layer, which in a
 * classifier is where the convolutional features end and the classifier head begins (Keras applications, Teachable
 * Machine, TF.js MobileNets all follow that shape). A network with none is cut at its output.
 */
final class DefaultCut {

    private DefaultCut() {
    }

    static String find(ComputationGraphConfiguration conf) {
        List<String> order = conf.getTopologicalOrderStr();
        for (int i = order.size() - 1; i >= 0; i--) {
            if (isPoolingOrFlatten(conf.getVertices().get(order.get(i)))) {
                return order.get(i);
            }
        }
        return conf.getNetworkOutputs().get(0);
    }

    private static boolean isPoolingOrFlatten(GraphVertex v) {
        if (v instanceof PreprocessorVertex p) {
            return p.getPreProcessor() instanceof CnnToFeedForwardPreProcessor;
        }
        if (v instanceof LayerVertex lv) {
            Layer layer = lv.getLayerConf().getLayer();
            return layer instanceof GlobalPoolingLayer || layer instanceof SubsamplingLayer;
        }
        return false;
    }
}
