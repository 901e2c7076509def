package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.util.Hashes;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fine-tuned top as replacements for named parameters of the backbone's own graph, so the backbone keeps its
 * layers and every runtime and exporter that runs it runs the fine-tuned blocks too. The trained top has each batch
 * normalisation folded into the convolution before it ({@link BackboneTop#trainable}); here that is undone without
 * changing what the network computes: the convolution takes the trained weights W', and its batch normalisation
 * becomes "add the trained bias b'" (mean 0, variance 1, gamma sqrt(1 + eps), beta b'), since MobileNet's Keras
 * convolutions have no bias of their own.
 *
 * @param params layer name to parameter name to values, in the backbone's order
 */
public record BackbonePatch(Map<String, Map<String, INDArray>> params) {

    public BackbonePatch {
        Map<String, Map<String, INDArray>> copy = new LinkedHashMap<>();
        params.forEach((layer, p) -> copy.put(layer, Collections.unmodifiableMap(new LinkedHashMap<>(p))));
        params = Collections.unmodifiableMap(copy);
    }

    /** The backbone parameters that make {@code top}'s backbone compute what the trained top computes. */
    public static BackbonePatch of(BackboneTop top, ComputationGraph trained) throws BackboneException {
        ComputationGraph graph = top.backbone().graph();
        Map<String, Map<String, INDArray>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : top.foldedPairs().entrySet()) {
            String conv = pair.getKey();
            String bn = pair.getValue();
            Layer trainedConv = trained.getLayer(conv);
            if (trainedConv == null) {
                throw new BackboneException("The trained top has no layer " + conv + " of backbone "
                        + top.backbone().id());
            }
            Map<String, INDArray> convParams = new LinkedHashMap<>();
            INDArray w = graph.getLayer(conv).getParam("W");
            convParams.put("W", trainedConv.getParam("W").dup('c').reshape('c', w.shape()));
            if (graph.getLayer(conv).paramTable().containsKey("b")) {
                convParams.put("b", Nd4j.zerosLike(graph.getLayer(conv).getParam("b")));
            }
            out.put(conv, convParams);
            out.put(bn, addBias(graph, bn, trainedConv.getParam("b")));
        }
        return new BackbonePatch(out);
    }

    /** The batch normalisation {@code bn} as x + bias, in the parameters the backbone's layer has. */
    private static Map<String, INDArray> addBias(ComputationGraph graph, String bn, INDArray bias)
            throws BackboneException {
        BatchNormalization conf = (BatchNormalization) ((LayerVertex) graph.getConfiguration().getVertices()
                .get(bn)).getLayerConf().getLayer();
        Map<String, INDArray> table = graph.getLayer(bn).paramTable();
        if (!table.containsKey("gamma") || !table.containsKey("beta") || !table.containsKey("mean")) {
            throw new BackboneException("Batch normalisation " + bn + " has no gamma, beta or mean to fine-tune");
        }
        Map<String, INDArray> p = new LinkedHashMap<>();
        long[] shape = table.get("beta").shape();
        boolean logStd = table.containsKey("log10stdev");
        // Divided by sqrt(var + eps) (or by the stored standard deviation): gamma makes that division exactly 1.
        p.put("gamma", Nd4j.valueArrayOf(shape, logStd ? 1.0 : Math.sqrt(1 + conf.getEps())));
        p.put("beta", bias.dup('c').reshape('c', shape));
        p.put("mean", Nd4j.zeros(table.get("mean").dataType(), shape));
        p.put(logStd ? "log10stdev" : "var", logStd ? Nd4j.zeros(table.get("mean").dataType(), shape)
                : Nd4j.ones(table.get("mean").dataType(), shape));
        return p;
    }

    /**
     * Replaces the parameters in {@code backbone}, after checking all of them first (every layer exists, every
     * parameter's shape matches), so a patch that does not fit changes nothing.
     */
    public void applyTo(ComputationGraph backbone) throws Mismatch {
        for (Map.Entry<String, Map<String, INDArray>> layer : params.entrySet()) {
            Layer l = backbone.getVertex(layer.getKey()) == null ? null : backbone.getVertex(layer.getKey()).getLayer();
            if (l == null) {
                throw new Mismatch("The fine-tuned backbone names layer " + layer.getKey()
                        + ", which the installed backbone does not have.");
            }
            for (Map.Entry<String, INDArray> p : layer.getValue().entrySet()) {
                INDArray own = l.paramTable().get(p.getKey());
                if (own == null || !Arrays.equals(own.shape(), p.getValue().shape())) {
                    throw new Mismatch("The fine-tuned backbone's parameter " + p.getKey() + " of layer "
                            + layer.getKey() + " is " + Arrays.toString(p.getValue().shape())
                            + (own == null ? ", which that layer does not have."
                            : ", but the installed backbone's is " + Arrays.toString(own.shape()) + "."));
                }
            }
        }
        params.forEach((layer, p) -> p.forEach((name, values) -> backbone.getLayer(layer).setParam(name,
                values.castTo(backbone.getLayer(layer).getParam(name).dataType()))));
    }

    /** A patch that does not fit the backbone it is applied to (a layer missing, a shape different). */
    public static final class Mismatch extends BackboneException {
        Mismatch(String message) {
            super(message);
        }
    }

    /** A stable hash of the names and values (hex), for cache keys: equal patches hash equally across runs. */
    public String hash() {
        return Hashes.sha256(PatchBytes.write(this));
    }
}
