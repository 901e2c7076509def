package dev.loupe.engine.backbone.keras;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Keras' HDF5 files into a {@link KerasNet}: a whole model ({@code model.save("x.h5")}: the configuration in
 * the root attribute {@code model_config}, the weights under {@code model_weights}) or a weights file
 * ({@code save_weights}) beside a structure JSON. Weights are found by walking the file: every dataset
 * {@code LAYER/.../PARAM:0} belongs to the layer its parent group is named after, which covers the layouts Keras
 * writes (plain layers as {@code conv1/conv1/kernel:0}, nested models such as Teachable Machine's as
 * {@code sequential_1/Conv1/kernel:0}, the empty {@code top_level_model_weights} group of Keras 2.8).
 */
public final class KerasH5 {

    /** Keras' own order of a layer's weights (the order {@code weight_names} lists them in). */
    static final List<String> PARAM_ORDER = List.of("kernel", "depthwise_kernel", "pointwise_kernel", "bias",
            "gamma", "beta", "moving_mean", "moving_variance");

    private KerasH5() {
    }

    /** A whole model saved in one file. */
    public static KerasNet model(Path h5) throws IOException {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
                if (!archive.hasAttribute("model_config")) {
                    throw new IOException(h5.getFileName() + " holds weights only, no model structure: give its "
                            + "structure JSON as the model and this file with --weights");
                }
                JsonNode config = KerasNet.JSON.readTree(archive.readAttributeAsJson("model_config"));
                KerasNet shape = KerasNet.of(config, Map.of());
                boolean nested = archive.getGroups().contains("model_weights");
                return withWeights(shape, archive, nested ? List.of("model_weights") : List.of());
            } catch (UnsupportedKerasConfigurationException e) {
                throw new IOException("cannot read " + h5.getFileName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** A structure JSON ({@code model.to_json()}) with its weights file. */
    public static KerasNet model(Path json, Path h5) throws IOException {
        KerasNet shape = KerasNet.of(KerasNet.JSON.readTree(json.toFile()), Map.of());
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
                boolean nested = archive.getGroups().contains("model_weights");
                return withWeights(shape, archive, nested ? List.of("model_weights") : List.of());
            } catch (UnsupportedKerasConfigurationException e) {
                throw new IOException("cannot read " + h5.getFileName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The Keras version recorded in a file ({@code keras_version}), or "" when it has none. */
    public static String kerasVersion(Path h5) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
                return archive.hasAttribute("keras_version") ? archive.readAttributeAsString("keras_version") : "";
            } catch (Exception e) {
                return "";
            }
        }
    }

    private static KerasNet withWeights(KerasNet shape, Hdf5Archive archive, List<String> root)
            throws UnsupportedKerasConfigurationException {
        Set<String> layers = Set.copyOf(shape.layerNames());
        Map<String, List<KerasNet.Tensor>> weights = new LinkedHashMap<>();
        collect(archive, root, layers, weights);
        weights.values().forEach(list -> list.sort(Comparator.comparingInt(t -> rank(t.name()))));
        String version = archive.hasAttribute("keras_version") ? archive.readAttributeAsString("keras_version") : "";
        return shape.with(weights, version);
    }

    private static void collect(Hdf5Archive archive, List<String> path, Set<String> layers,
                                Map<String, List<KerasNet.Tensor>> out) throws UnsupportedKerasConfigurationException {
        String[] groups = path.toArray(String[]::new);
        List<String> datasets = archive.getDataSets(groups);
        if (!datasets.isEmpty()) {
            String layer = path.get(path.size() - 1);
            // Weights of layers the structure does not have (a full weights file beside a structure without its
            // top) are left out, as Keras' load_weights(by_name=True) does; a layer left without its weights is
            // refused when the network is built.
            for (String d : layers.contains(layer) ? datasets : List.<String>of()) {
                INDArray a = archive.readDataSet(d, groups);
                String param = d.replaceFirst(":\\d+$", "");
                param = param.startsWith(layer + "_") ? param.substring(layer.length() + 1) : param;
                out.computeIfAbsent(layer, k -> new ArrayList<>())
                        .add(new KerasNet.Tensor(param, a.shape(), a.dup('c').reshape(a.length()).toFloatVector()));
            }
        }
        for (String g : archive.getGroups(groups)) {
            List<String> sub = new ArrayList<>(path);
            sub.add(g);
            collect(archive, sub, layers, out);
        }
    }

    private static int rank(String param) {
        int i = PARAM_ORDER.indexOf(param);
        return i < 0 ? PARAM_ORDER.size() : i;
    }
}
