package dev.loupe.cli;

import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.onnx.ClassifierExport;
import dev.loupe.engine.onnx.OnnxExporter;
import dev.loupe.engine.util.OutputGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code loupe export MODEL --format onnx -o FILE}: the whole classifier for other tools. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a trained model (backbone, feature scaling, head, calibration) for other runtimes.")
final class ExportCommand implements Callable<Integer> {

    /** Export formats. */
    enum Format { onnx }

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .loupe model file.")
    Path model;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT",
            description = "Export format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The file to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        OutputGuard.check(output, List.of(model));
        ModelBundle bundle = ModelFiles.load(model);
        ClassifierExport.Result r = ClassifierExport.write(bundle, Engine.backbones(), output);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, r);
            return ExitCodes.OK;
        }
        out.printf("Exported %s to %s (ONNX, %.1f MB)%n", model, r.file(), r.bytes() / 1e6);
        out.printf("Input:  '%s' float [batch, 3, %d, %d], NCHW %s, each 8-bit channel scaled %s%n",
                OnnxExporter.INPUT, r.input().height(), r.input().width(), r.input().channelOrder(),
                r.input().scaling());
        out.printf("Output: '%s' float [batch, %d], calibrated (temperature %s); labels in metadata 'labels'%n",
                OnnxExporter.PROBABILITIES, r.classes(), Output.num(r.temperature()));
        out.flush();
        return ExitCodes.OK;
    }
}
