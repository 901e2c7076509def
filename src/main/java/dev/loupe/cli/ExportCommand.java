package dev.loupe.cli;

import dev.loupe.engine.export.ExportJob;
import dev.loupe.engine.export.ExportResult;
import dev.loupe.engine.export.Exporter;
import dev.loupe.engine.export.Exporters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code loupe export MODEL --format FORMAT -o PATH}: the whole classifier for other runtimes. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a trained model (backbone, feature scaling, head, calibration, labels) for other "
                + "runtimes (phone, web, service): see --format.")
final class ExportCommand implements Callable<Integer> {

    /** The formats, for picocli's help and completion. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Exporters.formats().iterator();
        }
    }

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .loupe model file.")
    Path model;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT", completionCandidates = Formats.class,
            description = "Export format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATH",
            description = "The file or folder to write (one file for onnx, a folder for tfjs, web and keras).")
    Path output;

    @Override
    public Integer call() throws Exception {
        Exporters.require(format);
        ExportResult r = Jobs.run(common, System.err, ExportJob.of(model, format, output, Engine.backbones()));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, r);
            return ExitCodes.OK;
        }
        boolean folder = Exporters.require(format).output() == Exporter.Output.FOLDER;
        out.printf("Exported %s to %s: %s, %.1f MB%s%n", model, r.path(), r.usage().summary(), r.bytes() / 1e6,
                folder ? " in " + r.files().size() + " files (" + String.join(", ", r.files()) + ")" : "");
        r.usage().lines().forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
