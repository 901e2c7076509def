package dev.loupe.engine.backbone.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads a TF.js layers model into a DL4J graph (NHWC, as Keras defines it). The topology goes through DL4J's Keras
 * import; each layer's tensors are handed to that layer's own {@link KerasLayer#setWeights} (which knows how Keras
 * lays out convolution, depthwise and batch-norm parameters) and copied into the graph by DL4J, the same path
 * {@code KerasModelUtils.importWeights} takes for HDF5 files.
 */
public final class TfjsImporter {

    private static final Logger LOG = LoggerFactory.getLogger(TfjsImporter.class);

    private TfjsImporter() {
    }

    /**
     * @param cutLayer the layer whose output the graph returns (everything after it is dropped), or null for the
     *                 whole model, e.g. an ImageNet classifier with its softmax
     */
    public static ComputationGraph load(ModelSource source, String cutLayer) throws IOException {
        TfjsModelJson model = TfjsModelJson.read(source);
        String json = KerasTopology.toFunctionalJson(model.topology(), cutLayer);
        Map<String, float[]> values = TfjsWeights.read(model, source);
        try {
            KerasModel keras = new KerasModel().modelBuilder().modelJson(json).enforceTrainingConfig(false)
                    .buildModel();
            assignWeights(keras, model, values);
            return keras.getComputationGraph(true);
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException e) {
            throw new IOException("DL4J cannot import this model: " + e.getMessage(), e);
        }
    }

    /**
     * The weight files model.json names, after checking, without reading them, that each lies inside the model's
     * folder, is a regular file, and that their sizes add up to what model.json describes: what an import copies.
     */
    public static List<String> weightFiles(ModelSource source) throws IOException {
        TfjsModelJson model = TfjsModelJson.read(source);
        TfjsWeights.checkSizes(model, source);
        List<String> files = new ArrayList<>();
        model.manifest().forEach(g -> files.addAll(g.paths()));
        return files;
    }

    /** The class names in {@code metadata.json} ({@code labels}, as TF.js and Teachable Machine write them). */
    public static List<String> labels(ModelSource source) throws IOException {
        JsonNode root = TfjsModelJson.json(source, "metadata.json");
        if (!root.path("labels").isArray()) {
            throw new IOException("metadata.json has no 'labels' list");
        }
        List<String> labels = new ArrayList<>();
        root.path("labels").forEach(l -> labels.add(l.asText()));
        return labels;
    }

    /** The image size in {@code metadata.json} ({@code imageSize}, as Teachable Machine writes it), else 224. */
    public static int imageSize(ModelSource source) throws IOException {
        int size = TfjsModelJson.json(source, "metadata.json").path("imageSize").asInt(224);
        return size > 0 && size <= 4096 ? size : 224;
    }

    private static void assignWeights(KerasModel keras, TfjsModelJson model, Map<String, float[]> values)
            throws IOException, InvalidKerasConfigurationException {
        Map<String, KerasLayer> layers = keras.getLayers();
        Map<String, Map<String, INDArray>> byLayer = new HashMap<>();
        TreeSet<String> unused = new TreeSet<>();
        for (TfjsModelJson.Group group : model.manifest()) {
            for (WeightSpec w : group.weights()) {
                String layer = layerOf(w, layers);
                if (layer == null) {
                    unused.add(w.layerPath());
                    continue;
                }
                INDArray array = Nd4j.create(values.get(w.name()), w.shape(), 'c');
                if (byLayer.computeIfAbsent(layer, k -> new HashMap<>()).put(w.paramName(), array) != null) {
                    throw new IOException("two weights named '" + w.paramName() + "' for layer " + layer);
                }
            }
        }
        for (Map.Entry<String, KerasLayer> e : layers.entrySet()) {
            KerasLayer layer = e.getValue();
            Map<String, INDArray> weights = byLayer.get(e.getKey());
            if (weights == null) {
                if (layer.getNumParams() > 0) {
                    throw new IOException("model.json lists no weights for layer " + e.getKey());
                }
                continue;
            }
            if (weights.size() != layer.getNumParams()) {
                throw new IOException("layer " + e.getKey() + " takes " + layer.getNumParams() + " weights, "
                        + "model.json has " + weights.keySet());
            }
            layer.setWeights(weights);
        }
        if (!unused.isEmpty()) {
            LOG.debug("Weights not used (layers after the cut): {}", unused);
        }
    }

    /** The imported layer a tensor belongs to: its full path, else its last path element (nested models). */
    private static String layerOf(WeightSpec w, Map<String, KerasLayer> layers) {
        String path = w.layerPath();
        if (layers.containsKey(path)) {
            return path;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return layers.containsKey(last) ? last : null;
    }
}
