package dev.loupe.cli;

import dev.loupe.engine.explain.Explainer;
import dev.loupe.engine.explain.HeatMapFiles;
import dev.loupe.engine.inference.ImageInputs;
import dev.loupe.engine.inference.TfjsClassifier;
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

/** {@code loupe explain MODEL IMAGE|FOLDER... [--class LABEL] -o OUT}. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show what a model looked at: write each photo with a heat map of the evidence for a class "
                + "(Grad-CAM over the backbone's last feature maps) as PNG into a folder.")
final class ExplainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .loupe model file.")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE|FOLDER", description = "Images or folders.")
    List<Path> inputs;

    @Option(names = "--class", paramLabel = "LABEL",
            description = "The class to show the evidence for (default: each image's most probable class).")
    String label;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FOLDER",
            description = "Folder for NAME.heatmap.png (the photo, at most " + HeatMapFiles.MAX_SIDE
                    + " px on its long side, with the map over it and the colour scale below, cold to hot); "
                    + "with --json also NAME.heatmap.json, the map's raw values.")
    Path output;

    @Option(names = "--opacity", paramLabel = "O", defaultValue = "0.6",
            description = "Opacity of the map where it is hottest, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double opacity;

    @Override
    public Integer call() throws Exception {
        if (TfjsClassifier.isExport(model)) {
            throw new IllegalArgumentException(model + " is a TF.js export, which runs as one network: heat maps "
                    + "need a .loupe model trained by Loupe. Train one with 'loupe train'.");
        }
        if (opacity < 0 || opacity > 1) {
            throw new IllegalArgumentException("--opacity must be between 0 and 1, not " + opacity);
        }
        List<Path> files = ImageInputs.expand(inputs);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No image files in " + inputs);
        }
        List<HeatMapFiles.Written> written;
        try (Explainer explainer = Explainer.open(model, Engine.backbones(), Engine.extractors(common))) {
            HeatMapFiles writer = new HeatMapFiles(explainer, output, opacity, common.json);
            written = Jobs.run(common, System.err, m -> writer.write(files, label, m));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, written);
        } else {
            for (HeatMapFiles.Written w : written) {
                out.println(w.ok() ? w.image() + ": " + w.label() + " " + Output.pct(w.probability()) + " -> "
                        + w.png() : w.image() + ": could not explain: " + w.error());
            }
            out.flush();
        }
        return written.stream().allMatch(HeatMapFiles.Written::ok) ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
