package dev.loupe.engine.onnx;

import dev.loupe.engine.onnx.OnnxGraph.Attr;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Walks a DL4J network in topological order and emits each vertex that the output depends on. */
final class GraphWalker {

    private GraphWalker() {
    }

    /** Emits a single-input, single-output graph applied to tensor {@code x}; returns its output tensor. */
    static String graph(OnnxGraph g, ComputationGraph graph, String x) {
        return tensors(g, graph, x).get(graph.getConfiguration().getNetworkOutputs().get(0));
    }

    /** As {@link #graph}, returning the tensor of every vertex emitted, by vertex name. */
    static Map<String, String> tensors(OnnxGraph g, ComputationGraph graph, String x) {
        return tensors(g, graph, x, graph.getConfiguration().getNetworkOutputs().get(0));
    }

    /** As above, emitting only what vertex {@code output} needs (a network cut below its own output). */
    static Map<String, String> tensors(OnnxGraph g, ComputationGraph graph, String x, String output) {
        return tensors(g, graph, Map.of(graph.getConfiguration().getNetworkInputs().get(0), x), output);
    }

    /**
     * As above, starting from tensors already in {@code g} for some vertices ({@code known}, the network input among
     * them): only the vertices {@code output} needs that are not known yet are emitted.
     */
    static Map<String, String> tensors(OnnxGraph g, ComputationGraph graph, Map<String, String> known,
                                       String output) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new OnnxExportException("Cannot export a graph with inputs " + conf.getNetworkInputs()
                    + " and outputs " + conf.getNetworkOutputs() + ": only one input and one output are supported");
        }
        Map<String, String> tensors = new HashMap<>(known);
        Set<String> needed = ancestors(conf, output);
        for (int i : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[i].getVertexName();
            if (tensors.containsKey(name) || !needed.contains(name)) {
                continue;
            }
            List<String> inputs = conf.getVertexInputs().get(name).stream().map(tensors::get).toList();
            tensors.put(name, vertex(g, graph, name, conf.getVertices().get(name), inputs));
        }
        return tensors;
    }

    /** Emits a MultiLayerNetwork's layers applied to {@code x}. */
    static String layers(OnnxGraph g, MultiLayerNetwork net, String prefix, String x) {
        String y = x;
        for (int i = 0; i < net.getnLayers(); i++) {
            var layerConf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            String name = prefix + (layerConf.getLayerName() != null ? layerConf.getLayerName() : "layer" + i);
            y = LayerMapper.preprocessor(g, name, net.getLayerWiseConfigurations().getInputPreProcess(i), y);
            y = LayerMapper.layer(g, name, layerConf, net.getLayer(i).paramTable(), y);
        }
        return y;
    }

    private static String vertex(OnnxGraph g, ComputationGraph graph, String name, GraphVertex v,
                                 List<String> inputs) {
        if (v instanceof LayerVertex lv) {
            String x = LayerMapper.preprocessor(g, name, lv.getPreProcessor(), inputs.get(0));
            return LayerMapper.layer(g, name, lv.getLayerConf().getLayer(), graph.getLayer(name).paramTable(), x);
        }
        if (v instanceof ElementWiseVertex ew) {
            String op = switch (ew.getOp()) {
                case Add -> "Sum";
                case Subtract -> "Sub";
                case Product -> "Mul";
                case Average -> "Mean";
                case Max -> "Max";
            };
            if ((op.equals("Sub") || op.equals("Mul")) && inputs.size() != 2) {
                throw OnnxExportException.unsupported(name, v, ew.getOp() + " of " + inputs.size()
                        + " inputs (only 2 are supported)");
            }
            return g.node(op, name, inputs.toArray(new String[0]));
        }
        if (v instanceof MergeVertex merge) {
            return g.node("Concat", name, new Attr[]{Attr.integer("axis", merge.getMergeAxis())},
                    inputs.toArray(new String[0]));
        }
        if (v instanceof PreprocessorVertex pv) {
            return LayerMapper.preprocessor(g, name, pv.getPreProcessor(), inputs.get(0));
        }
        throw OnnxExportException.unsupported(name, v, "this vertex type has no ONNX mapping (supported: layers, "
                + "ElementWiseVertex, MergeVertex, PreprocessorVertex)");
    }

    /**
     * The tensors of {@code tensors} whose vertex computes the same after a change to the parameters of
     * {@code changed} layers: the network input and every vertex neither in {@code changed} nor above one of them.
     */
    static Map<String, String> unchanged(ComputationGraph graph, Map<String, String> tensors, Set<String> changed) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, String> out = new HashMap<>();
        for (int i : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[i].getVertexName();
            List<String> inputs = conf.getVertexInputs().getOrDefault(name, List.of());
            if (tensors.containsKey(name) && !changed.contains(name) && out.keySet().containsAll(inputs)) {
                out.put(name, tensors.get(name));
            }
        }
        return out;
    }

    private static Set<String> ancestors(ComputationGraphConfiguration conf, String output) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (seen.add(v)) {
                todo.addAll(conf.getVertexInputs().getOrDefault(v, List.of()));
            }
        }
        return seen;
    }
}
