package dev.loupe.engine.backbone;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A loaded backbone: its descriptor and the DL4J graph cut at the feature layer, taking NCHW input. A graph is not
 * thread-safe: one inference thread per backbone.
 */
public record Backbone(BackboneDescriptor descriptor, ComputationGraph graph) {

    public InputSpec inputSpec() {
        return descriptor.input();
    }

    public String id() {
        return descriptor.id();
    }

    /** True when Loupe pooled the cut layer's spatial output into the features (a global average pooling). */
    public boolean pooled() {
        return graph.getConfiguration().getNetworkOutputs().equals(java.util.List.of(GraphCut.POOL));
    }
}
