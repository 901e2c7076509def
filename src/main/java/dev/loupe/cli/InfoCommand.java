package dev.loupe.cli;

import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.model.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code loupe info MODEL}: what a model is and where it came from. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show a model's labels, backbone and provenance.")
final class InfoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .loupe model file.")
    Path model;

    @Override
    public Integer call() throws Exception {
        ModelManifest m = ModelFiles.readManifest(model);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, m);
            return ExitCodes.OK;
        }
        out.printf("Model:       %s (format %d)%n", TerminalText.safe(model), m.formatVersion());
        out.printf("Labels:      %s%n", String.join(", ", m.labels().stream().map(TerminalText::safe).toList()));
        out.printf("Backbone:    %s (%s, %d features)%n", TerminalText.safe(m.backbone().displayName()),
                TerminalText.safe(m.backbone().id()),
                m.backbone().featureDim());
        out.printf("Input:       %dx%d %s, %s%n", m.input().width(), m.input().height(), m.input().channelOrder(),
                m.input().scaling());
        out.printf("Temperature: %s%n", Output.num(m.temperature()));
        Provenance p = m.provenance();
        if (p != null) {
            out.printf("Trained:     %s with Loupe %s on %s%n", TerminalText.safe(p.created()),
                    TerminalText.safe(p.appVersion()), TerminalText.safe(p.datasetPath()));
            out.printf("Images:      %s%n", TerminalText.safe(p.imagesPerClass()));
            out.printf("Config:      %s%n", TerminalText.safe(p.config()));
            // Softmax regression is fitted by L-BFGS to convergence: iterations, and the last one is the model.
            String steps = p.config().head().fittedByLbfgs() && p.config().fineTuneBlocks() == 0
                    ? "L-BFGS, " + p.metrics().epochsRun() + " iterations"
                    : "best epoch " + p.metrics().bestEpoch() + " of " + p.metrics().epochsRun();
            out.printf("Result:      %s, validation accuracy %s (%d train / %d validation images)%n", steps,
                    Output.pct(p.metrics().validationAccuracy()),
                    p.metrics().trainImages(), p.metrics().validationImages());
            out.printf("Dataset fingerprint: %s%n", TerminalText.safe(p.datasetFingerprint()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
