package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneRegistry;
import picocli.CommandLine.Option;

/**
 * {@code --backbone ID}, the same option with the same default wherever a command extracts features (train,
 * features, similar, embed, dataset audit), so the features one command caches are the ones the next one reuses.
 */
final class BackboneOption {

    @Option(names = "--backbone", paramLabel = "ID", defaultValue = BackboneRegistry.DEFAULT_ID,
            description = "Pretrained network to take features from (default: ${DEFAULT-VALUE}; "
                    + "see 'loupe backbones').")
    String id;
}
