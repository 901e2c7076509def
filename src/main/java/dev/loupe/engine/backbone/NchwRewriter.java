package dev.loupe.engine.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Rewrites a Keras-imported (NHWC) graph to NCHW. DL4J's CPU kernels (oneDNN in particular) are several times
 * faster in NCHW, and its convolution weights are stored the same way in both layouts, so the parameters carry over
 * unchanged: only the data-format fields and the global-pooling axes ([1,2] -> [2,3]) change.
 */
final class NchwRewriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NchwRewriter() {
    }

    static ComputationGraph toNchw(ComputationGraph graph) {
        String json = graph.getConfiguration().toJson();
        if (!json.contains("\"NHWC\"")) {
            return graph;
        }
        try {
            JsonNode root = JSON.readTree(json);
            rewrite(root);
            ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(JSON.writeValueAsString(root));
            ComputationGraph nchw = new ComputationGraph(conf);
            nchw.init(graph.params(), false);
            return nchw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            if (obj.has("poolingDimensions") && isNhwcPooling(obj.get("poolingDimensions"))) {
                ArrayNode dims = obj.putArray("poolingDimensions");
                dims.add(2).add(3);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isTextual() && f.getValue().asText().equals("NHWC")) {
                    f.setValue(TextNode.valueOf("NCHW"));
                } else {
                    rewrite(f.getValue());
                }
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(NchwRewriter::rewrite);
        }
    }

    private static boolean isNhwcPooling(JsonNode dims) {
        return dims.isArray() && dims.size() == 2 && dims.get(0).asInt() == 1 && dims.get(1).asInt() == 2;
    }
}
