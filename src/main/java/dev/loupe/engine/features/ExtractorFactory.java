package dev.loupe.engine.features;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;

/** Opens a feature extractor for a backbone on one runtime. Opening loads weights: call it only when needed. */
@FunctionalInterface
public interface ExtractorFactory {

    FeatureExtractor open(BackboneDescriptor backbone) throws BackboneException;

    /** The DL4J runtime, the reference implementation. */
    static ExtractorFactory dl4j() {
        return d -> new Dl4jFeatureExtractor(BackboneLoader.load(d));
    }
}
