package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneRegistry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's shared contract, checked on picocli's model of it: no dataset, no backbone run. */
class CommandLineTest {

    @Test
    void everyCommandThatExtractsFeaturesDefaultsToTheOneDefaultBackbone() {
        CommandLine root = Cli.commandLine();
        for (String[] path : new String[][]{{"train"}, {"features"}, {"similar"}, {"embed"}, {"dataset", "audit"}}) {
            CommandLine c = root;
            for (String name : path) {
                c = c.getSubcommands().get(name);
            }
            OptionSpec option = c.getCommandSpec().findOption("--backbone");
            assertThat(option).as(String.join(" ", path) + " --backbone").isNotNull();
            assertThat(option.defaultValue()).as(String.join(" ", path)).isEqualTo(BackboneRegistry.DEFAULT_ID);
        }
    }
}
