package dev.loupe.engine.backbone.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.engine.backbone.keras.Dl4jKeras;
import dev.loupe.engine.backbone.keras.KerasNet;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a TF.js layers model (model.json + weight shards) as a {@link KerasNet} and loads it into a DL4J graph
 * (NHWC, as Keras defines it) through {@link Dl4jKeras}, the same path as Keras' own HDF5 files.
 */
public final class TfjsImporter {

    private TfjsImporter() {
    }

    /**
     * @param cutLayer the layer whose output the graph returns (everything after it is dropped), or null for the
     *                 whole model, e.g. an ImageNet classifier with its softmax
     */
    public static ComputationGraph load(ModelSource source, String cutLayer) throws IOException {
        KerasNet net = network(source);
        return Dl4jKeras.build(cutLayer == null ? net : net.cut(cutLayer));
    }

    /** The Keras network of a TF.js layers model: its topology, flattened, with its weights by layer. */
    public static KerasNet network(ModelSource source) throws IOException {
        TfjsModelJson model = TfjsModelJson.read(source);
        Map<String, float[]> values = TfjsWeights.read(model, source);
        KerasNet shape = KerasNet.of(model.topology(), Map.of());
        Set<String> layers = new HashSet<>(shape.layerNames());
        Map<String, List<KerasNet.Tensor>> byLayer = new LinkedHashMap<>();
        for (TfjsModelJson.Group group : model.manifest()) {
            for (WeightSpec w : group.weights()) {
                String layer = layerOf(w, layers);
                if (layer == null) {
                    throw new IOException("model.json has weight " + w.name() + " for no layer of its topology");
                }
                byLayer.computeIfAbsent(layer, k -> new ArrayList<>())
                        .add(new KerasNet.Tensor(w.paramName(), w.shape(), values.get(w.name())));
            }
        }
        return shape.with(byLayer, "");
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

    /** The layer a tensor belongs to: its full path, else its last path element (nested models). */
    private static String layerOf(WeightSpec w, Set<String> layers) {
        String path = w.layerPath();
        if (layers.contains(path)) {
            return path;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return layers.contains(last) ? last : null;
    }
}
