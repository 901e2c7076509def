package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.download.DownloadOptions;
import dev.loupe.engine.backbone.download.ZooDownloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code loupe backbones download ID}: fetches a DL4J zoo backbone into the user's cache. Ctrl+C stops it. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download a backbone from DL4J's model zoo into your cache (HTTPS, checksum-verified).",
                "An interrupted download resumes when you run the command again."})
final class BackbonesDownloadCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "ID", description = "A backbone listed as downloadable by 'loupe backbones'.")
    String id;

    @Override
    public Integer call() throws Exception {
        BackboneDescriptor d = Engine.backbones().require(id);
        boolean already = d.state() == BackboneState.DOWNLOADED;
        Path file = Jobs.run(common, System.err, m -> ZooDownloads.download(d, DownloadOptions.defaults(), m));
        PrintWriter out = spec.commandLine().getOut();
        out.println((already ? "Already downloaded: " : "Saved " + id + " to ") + file);
        out.flush();
        return ExitCodes.OK;
    }
}
