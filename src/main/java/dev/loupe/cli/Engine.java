package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;

/** The engine pieces a command needs, chosen from its options. */
final class Engine {

    private Engine() {
    }

    static BackboneRegistry backbones() {
        return BackboneRegistry.standard();
    }

    static ExtractorFactory extractors(CommonOptions options) {
        return switch (options.runtime) {
            case onnx -> ExtractorFactory.standard(options.device);
            case dl4j -> ExtractorFactory.dl4j();
        };
    }
}
