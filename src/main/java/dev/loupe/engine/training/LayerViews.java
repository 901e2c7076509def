package dev.loupe.engine.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * One dense layer's weight matrix and bias: DL4J's views into {@code net.params()}. Their offsets place each in the
 * flat array (weights column-major, then the bias, layer after layer).
 */
record LayerViews(INDArray weights, INDArray bias) {

    /** The network's parameters, layer by layer: writing to them changes the network. */
    static List<LayerViews> params(MultiLayerNetwork net) {
        List<LayerViews> views = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            views.add(new LayerViews(layer.getParam(DefaultParamInitializer.WEIGHT_KEY),
                    layer.getParam(DefaultParamInitializer.BIAS_KEY)));
        }
        return views;
    }
}
