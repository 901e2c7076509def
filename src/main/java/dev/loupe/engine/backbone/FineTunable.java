package dev.loupe.engine.backbone;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

import java.util.List;

/**
 * How many of a backbone's last blocks can be fine-tuned (0 to {@link #MOST_BLOCKS}), and why not more, for a form to offer
 * only what a run can do. Finding it needs the loaded network, so it is found once and recorded in the backbone's
 * descriptor ({@link BackboneDescriptor#fineTunable}): in {@code backbone.json} for the bundled backbones, in the zoo
 * catalogue, and at import for the user's own.
 *
 * @param maxBlocks the most blocks with a cut below them, 0 when none
 * @param why       why {@link #MOST_BLOCKS} blocks cannot be, in one sentence; null when they can
 */
public record FineTunable(int maxBlocks, String why) {

    /** The bundled MobileNets' last two blocks have a cut below them; the third's (MobileNet v1) is not measured. */
    public static final int MOST_BLOCKS = 2;

    public FineTunable {
        if (maxBlocks < 0 || maxBlocks > MOST_BLOCKS || (maxBlocks < MOST_BLOCKS) == (why == null)) {
            throw new IllegalArgumentException("fine-tunable blocks must be 0 to " + MOST_BLOCKS
                    + ", with a reason when fewer");
        }
    }

    /** Finds each cut from {@link #MOST_BLOCKS} down ({@link #cut}). */
    public static FineTunable of(Backbone backbone) {
        String why = null;
        for (int n = MOST_BLOCKS; n >= 1; n--) {
            try {
                cut(backbone, n);
                return new FineTunable(n, why);
            } catch (BackboneException e) {
                why = why == null ? e.getMessage() : why;
            }
        }
        return new FineTunable(0, why);
    }

    /**
     * The vertex {@code blocks} depthwise-separable blocks below the feature maps (the input of the lowest of them,
     * below its padding), walking back one input at a time and counting depthwise convolutions; a network with
     * branches there (MobileNetV2's residual sums) has no such cut.
     */
    public static String cut(Backbone backbone, int blocks) throws BackboneException {
        InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
        FeatureMapLayer maps;
        try {
            maps = FeatureMapLayer.find(backbone.graph(), spec);
        } catch (FeatureMapLayer.NoFeatureMapsException e) {
            throw new BackboneException("Backbone " + backbone.id() + " cannot be fine-tuned: " + e.getMessage(), e);
        }
        ComputationGraphConfiguration conf = backbone.graph().getConfiguration();
        String v = maps.vertex();
        int seen = 0;
        while (seen < blocks) {
            List<String> inputs = conf.getVertexInputs().get(v);
            if (inputs == null || inputs.size() != 1) {
                throw new BackboneException("Backbone " + backbone.id() + " has no single chain of " + blocks
                        + " depthwise-separable blocks below its feature maps (vertex " + v + ")");
            }
            if (isDepthwise(conf.getVertices().get(v))) {
                seen++;
            }
            v = inputs.get(0);
        }
        while (isPadding(conf.getVertices().get(v))) {
            v = conf.getVertexInputs().get(v).get(0);  // a stride-2 block's padding: 14x14 maps cached, not 15x15
        }
        return v;
    }

    private static boolean isPadding(GraphVertex vertex) {
        return vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ZeroPaddingLayer;
    }

    /** Whether a vertex is a depthwise convolution: a network with none has no block to fine-tune. */
    public static boolean isDepthwise(GraphVertex vertex) {
        return vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof DepthwiseConvolution2D;
    }
}
