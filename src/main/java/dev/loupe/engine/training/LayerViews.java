package dev.loupe.engine.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One dense layer's weight matrix and bias as views into a flat array. Taken from DL4J's own parameter initializer,
 * so the layout (weights column-major, then the bias, layer after layer) is exactly that of {@code net.params()}.
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

    /** Views into {@code flat} (as long as {@code net.params()}) laid out like the network's parameters. */
    static List<LayerViews> like(MultiLayerNetwork net, INDArray flat) {
        List<LayerViews> views = new ArrayList<>();
        long offset = 0;
        for (Layer layer : net.getLayers()) {
            long n = layer.numParams();
            INDArray slice = flat.get(NDArrayIndex.interval(offset, offset + n));
            Map<String, INDArray> map = layer.conf().getLayer().initializer()
                    .getGradientsFromFlattened(layer.conf(), slice);
            views.add(new LayerViews(map.get(DefaultParamInitializer.WEIGHT_KEY),
                    map.get(DefaultParamInitializer.BIAS_KEY)));
            offset += n;
        }
        return views;
    }
}
