package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRemoval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code loupe backbones remove ID}: an imported or downloaded backbone, from Loupe's own folders. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Remove an imported backbone (Loupe's copy; the files you imported from are not touched) or "
                + "a downloaded one (download it again any time). Bundled backbones stay."})
final class BackbonesRemoveCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "ID", description = "An imported or downloaded backbone.")
    String id;

    @Override
    public Integer call() throws Exception {
        BackboneDescriptor d = Engine.backbones().require(id);
        Path removed = BackboneRemoval.remove(d);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Removed backbone " + id + " (" + removed + ")");
        out.flush();
        return ExitCodes.OK;
    }
}
