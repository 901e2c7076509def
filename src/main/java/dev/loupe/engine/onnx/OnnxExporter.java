package dev.loupe.engine.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.FeatureMapLayer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.PixelTransform;
import dev.loupe.engine.training.FeatureScaler;
import dev.loupe.engine.util.AppInfo;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports DL4J networks to ONNX models. A backbone takes {@value #INPUT} ({@code [batch, 3, height, width]}, NCHW,
 * prepared as its {@link InputSpec} says) and gives {@value #FEATURES}; a whole classifier gives
 * {@value #PROBABILITIES}, calibrated like Loupe's own. Anything the exporter cannot map is refused with an
 * {@link OnnxExportException} naming the layer or vertex and its type, never exported approximately.
 */
public final class OnnxExporter {

    public static final String INPUT = "input";
    /** The input of a whole classifier with its pixel preparation: [batch, height, width, 3] RGB values 0-255. */
    public static final String IMAGE = "image";
    public static final String FEATURES = "features";
    public static final String PROBABILITIES = "probabilities";
    /**
     * A backbone's second output, {@code [batch, channels, height, width]}: the maps its features pool, for heat maps
     * of what a model looked at. Absent when the backbone has none; the model's metadata then says why under
     * {@value #NO_FEATURE_MAPS}.
     */
    public static final String FEATURE_MAPS = "feature_maps";
    /**
     * The second output of {@link #withStock}: the features of the backbone as installed, beside {@value #FEATURES}
     * of the fine-tuned one.
     */
    public static final String STOCK_FEATURES = "stock_features";
    /** The output of {@link #upTo}: the maps at a cut below the backbone's top. */
    public static final String CUT_MAPS = "cut_maps";
    public static final String NO_FEATURE_MAPS = "loupe_no_feature_maps";
    /** Part of cached exports' names: bump it whenever the exported graph for the same network changes. */
    public static final int VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxExporter() {
    }

    /**
     * The backbone graph (NCHW, as {@code BackboneLoader} returns it) cut at its feature layer, with its feature maps
     * as a second output when it has them ({@link #FEATURE_MAPS}).
     */
    public static Onnx.ModelProto backbone(ComputationGraph graph, InputSpec spec, String name, int featureDim) {
        OnnxGraph g = start(name, spec);
        Map<String, String> tensors = GraphWalker.tensors(g, graph, INPUT);
        g.node("Identity", FEATURES, tensors.get(graph.getConfiguration().getNetworkOutputs().get(0)));
        g.output(FEATURES, -1, featureDim);
        String noMaps = null;
        try {
            FeatureMapLayer maps = FeatureMapLayer.find(graph, spec);
            g.node("Identity", FEATURE_MAPS, tensors.get(maps.vertex()));
            g.output(FEATURE_MAPS, -1, maps.channels(), maps.height(), maps.width());
        } catch (FeatureMapLayer.NoFeatureMapsException e) {
            noMaps = e.getMessage();
        }
        Onnx.ModelProto model = g.model(AppInfo.version(), "Loupe backbone " + name);
        return noMaps == null ? model : model.toBuilder().addMetadataProps(Onnx.StringStringEntryProto.newBuilder()
                .setKey(NO_FEATURE_MAPS).setValue(noMaps)).build();
    }

    /**
     * The backbone as installed and as fine-tuned in one graph that runs their shared bottom once: {@code tune}
     * changes the parameters of the {@code tuned} layers of {@code graph} (as installed when called), and every
     * vertex neither tuned nor above a tuned one is emitted once and feeds both tops. Outputs {@value #FEATURES}
     * (fine-tuned) and {@value #STOCK_FEATURES}, so a fine-tuned model's labels and the catalogue's features for the
     * same photo cost the bottom plus two tops instead of two whole backbones.
     */
    public static byte[] withStock(ComputationGraph graph, InputSpec spec, String name, int featureDim,
                                   Set<String> tuned, ExportedBackbones.Edit tune) throws BackboneException {
        OnnxGraph g = start(name, spec);
        String output = graph.getConfiguration().getNetworkOutputs().get(0);
        Map<String, String> stock = GraphWalker.tensors(g, graph, INPUT);
        g.node("Identity", STOCK_FEATURES, stock.get(output));
        tune.apply(graph);
        Map<String, String> tops = GraphWalker.tensors(g, graph, GraphWalker.unchanged(graph, stock, tuned), output);
        g.node("Identity", FEATURES, tops.get(output));
        g.output(FEATURES, -1, featureDim);
        g.output(STOCK_FEATURES, -1, featureDim);
        return g.model(AppInfo.version(), "Loupe backbone " + name + ", fine-tuned and as installed").toByteArray();
    }

    /**
     * The backbone graph (NCHW) up to vertex {@code cut} alone, its maps {@code [batch, channels, height, width]} as
     * output {@link #CUT_MAPS}, as the bytes of a {@code .onnx} file: the frozen part of a network whose top is
     * fine-tuned, run once per image.
     */
    public static byte[] upTo(ComputationGraph graph, InputSpec spec, String cut, long channels, long height,
                              long width, String name) {
        OnnxGraph g = start(name, spec);
        Map<String, String> tensors = GraphWalker.tensors(g, graph, INPUT, cut);
        g.node("Identity", CUT_MAPS, tensors.get(cut));
        g.output(CUT_MAPS, -1, channels, height, width);
        return g.model(AppInfo.version(), "Loupe backbone " + name + " up to " + cut).toByteArray();
    }

    /**
     * The whole backbone graph (NCHW) with two outputs: {@link #FEATURES} and the maps at vertex {@code cut} as
     * {@link #CUT_MAPS}, as the bytes of a {@code .onnx} file. One run gives a photo's features and the cut maps
     * that fine-tuning its top needs, for the cost of the features alone.
     */
    public static byte[] withCut(ComputationGraph graph, InputSpec spec, String cut, long channels, long height,
                                 long width, int featureDim, String name) {
        OnnxGraph g = start(name, spec);
        Map<String, String> tensors = GraphWalker.tensors(g, graph, INPUT);
        g.node("Identity", FEATURES, tensors.get(graph.getConfiguration().getNetworkOutputs().get(0)));
        g.output(FEATURES, -1, featureDim);
        g.node("Identity", CUT_MAPS, tensors.get(cut));
        g.output(CUT_MAPS, -1, channels, height, width);
        return g.model(AppInfo.version(), "Loupe backbone " + name + " with the maps at " + cut).toByteArray();
    }

    /**
     * Backbone, feature standardisation ((x - mean) * scale), head and temperature scaling: the probabilities are
     * softmax(log(p) / T) of the head's softmax output p, as {@code TemperatureScaling} computes them.
     */
    public static Onnx.ModelProto classifier(ComputationGraph backbone, InputSpec spec, FeatureScaler scaler,
                                             MultiLayerNetwork head, double temperature, List<String> labels,
                                             String name) {
        return classifier(backbone, spec, null, scaler, head, temperature, labels, name);
    }

    /**
     * As above; with a {@code pixels} transform the graph takes {@value #IMAGE} ({@code [batch, height, width, 3]}
     * RGB values 0-255, as image libraries give them) and prepares them itself: NHWC to NCHW, then one 1x1
     * convolution for the channel order and scaling.
     */
    public static Onnx.ModelProto classifier(ComputationGraph backbone, InputSpec spec, PixelTransform pixels,
                                             FeatureScaler scaler, MultiLayerNetwork head, double temperature,
                                             List<String> labels, String name) {
        OnnxGraph g = new OnnxGraph(name);
        String input = INPUT;
        if (pixels == null) {
            g.input(INPUT, -1, 3, spec.height(), spec.width());
        } else {
            g.input(IMAGE, -1, spec.height(), spec.width(), 3);
            String nchw = g.node("Transpose", "image_nchw",
                    new OnnxGraph.Attr[]{OnnxGraph.Attr.ints("perm", 0, 3, 1, 2)}, IMAGE);
            input = g.node("Conv", "image_prepared", nchw, g.constant("image_scale", pixels.oihw(), 3, 3, 1, 1),
                    g.constant("image_offset", pixels.bias(), 3));
        }
        String features = GraphWalker.graph(g, backbone, input);
        int d = scaler.mean().length;
        String centred = g.node("Sub", "scaler_centred", features, g.constant("scaler_mean", scaler.mean(), d));
        String scaled = g.node("Mul", "scaler_scaled", centred, g.constant("scaler_scale", scaler.scale(), d));
        String p = GraphWalker.layers(g, head, "head_", scaled);
        if (temperature != 1.0) {
            String floor = g.node("Max", "calibration_floor", p, g.scalar("calibration_min", 1e-12f));
            String logits = g.node("Div", "calibration_logits", g.node("Log", "calibration_log", floor),
                    g.scalar("temperature", (float) temperature));
            p = g.node("Softmax", "calibration_softmax",
                    new OnnxGraph.Attr[]{OnnxGraph.Attr.integer("axis", 1)}, logits);
        }
        g.node("Identity", PROBABILITIES, p);
        g.output(PROBABILITIES, -1, labels.size());
        String in = pixels == null ? "NCHW " + spec.channelOrder() + " scaled " + spec.scaling()
                : "NHWC RGB 0-255";
        Onnx.ModelProto model = g.model(AppInfo.version(), "Loupe classifier " + name + " (input: " + in + ", "
                + spec.width() + "x" + spec.height() + ")");
        return model.toBuilder().addMetadataProps(Onnx.StringStringEntryProto.newBuilder()
                .setKey("labels").setValue(json(labels))).build();
    }

    /** {@link #classifier(ComputationGraph, InputSpec, PixelTransform, FeatureScaler, MultiLayerNetwork, double,
     * List, String)} as the bytes of a {@code .onnx} file. */
    public static byte[] classifierFile(ComputationGraph backbone, InputSpec spec, PixelTransform pixels,
                                        FeatureScaler scaler, MultiLayerNetwork head, double temperature,
                                        List<String> labels, String name) {
        return classifier(backbone, spec, pixels, scaler, head, temperature, labels, name).toByteArray();
    }

    /**
     * The whole classifier's graph, as {@link #classifier(ComputationGraph, InputSpec, PixelTransform, FeatureScaler,
     * MultiLayerNetwork, double, List, String)} builds it, for another format to translate; {@code pixels} may be
     * null (the input is then the backbone's prepared NCHW tensor).
     */
    public static OnnxModelView classifierView(ComputationGraph backbone, InputSpec spec, PixelTransform pixels,
                                               FeatureScaler scaler, MultiLayerNetwork head, double temperature,
                                               List<String> labels, String name) {
        return new OnnxModelView(classifier(backbone, spec, pixels, scaler, head, temperature, labels, name));
    }

    private static OnnxGraph start(String name, InputSpec spec) {
        OnnxGraph g = new OnnxGraph(name);
        g.input(INPUT, -1, 3, spec.height(), spec.width());
        return g;
    }

    private static String json(List<String> labels) {
        try {
            return JSON.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }
}
