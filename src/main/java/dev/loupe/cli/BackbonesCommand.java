package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code loupe backbones}: the pretrained networks Loupe can learn from. */
@Command(name = "backbones", mixinStandardHelpOptions = true,
        description = "List the pretrained networks (backbones) Loupe can learn from.",
        subcommands = {BackbonesDownloadCommand.class, BackbonesImportCommand.class, BackbonesRemoveCommand.class})
final class BackbonesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
        List<BackboneDescriptor> all = Engine.backbones().all();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, all);
            return ExitCodes.OK;
        }
        out.printf("%-22s %-12s %8s %10s %9s  %s%n", "ID", "STATE", "FEATURES", "PARAMETERS", "SIZE", "NAME");
        for (BackboneDescriptor b : all) {
            out.printf(Locale.ROOT, "%-22s %-12s %8d %10d %7.1f MB  %s%n", b.id(),
                    b.state().name().toLowerCase(Locale.ROOT), b.featureDim(), b.parameters(),
                    b.sizeBytes() / 1e6, TerminalText.safe(b.displayName()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
