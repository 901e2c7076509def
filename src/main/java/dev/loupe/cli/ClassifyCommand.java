package dev.loupe.cli;

import dev.loupe.engine.inference.Classifier;
import dev.loupe.engine.inference.ImageInputs;
import dev.loupe.engine.inference.LabelScore;
import dev.loupe.engine.inference.Prediction;
import dev.loupe.engine.inference.PredictionWriter;
import dev.loupe.engine.inference.TfjsClassifier;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.util.OutputGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code loupe classify MODEL IMAGE|FOLDER...}. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify images or folders of images with a trained model.")
final class ClassifyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A .loupe model file, or a TF.js / Teachable Machine export folder (model.json, "
                    + "weights, metadata.json with its labels).")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE|FOLDER", description = "Images or folders.")
    List<Path> inputs;

    @Option(names = "--top", paramLabel = "K", description = "Labels to show per image (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int top;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the results as CSV to FILE.")
    Path csv;

    @Option(names = "--tta", description = "Test-time augmentation: also classify each photo mirrored left to right "
            + "and average the two (twice the network time; .loupe models only).")
    boolean tta;

    @Override
    public Integer call() throws Exception {
        OptionValues.atLeast(spec, "--top", top, 1);
        List<Path> files = ImageInputs.expand(inputs);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No image files in " + inputs);
        }
        if (csv != null) {
            List<Path> read = new ArrayList<>(files);
            read.add(model);
            OutputGuard.check(csv, read);
        }
        List<Prediction> predictions;
        if (tta && TfjsClassifier.isExport(model)) {
            throw new IllegalArgumentException("--tta works with .loupe models; " + model + " is a TF.js export");
        }
        if (TfjsClassifier.isExport(model)) {
            try (TfjsClassifier classifier = TfjsClassifier.open(model)) {
                predictions = Jobs.run(common, System.err, m -> classifier.classify(files, top, m));
            }
        } else {
            try (Classifier classifier = Classifier.open(model, Engine.backbones(), Engine.extractors(common))) {
                predictions = Jobs.run(common, System.err, m -> classifier.withMirror(tta).classify(files, top, m));
            }
        }
        if (csv != null) {
            AtomicFiles.writeString(csv, PredictionWriter.csv(predictions));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, predictions);
        } else {
            predictions.forEach(p -> out.println(line(p)));
            out.flush();
        }
        boolean anyFailed = predictions.stream().anyMatch(p -> !p.ok());
        return anyFailed ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    private static String line(Prediction p) {
        if (!p.ok()) {
            return TerminalText.safe(p.file()) + ": could not classify: " + TerminalText.safe(p.error());
        }
        StringBuilder sb = new StringBuilder(TerminalText.safe(p.file())).append(": ");
        for (int i = 0; i < p.top().size(); i++) {
            LabelScore s = p.top().get(i);
            sb.append(i == 0 ? "" : ", ").append(TerminalText.safe(s.label())).append(' ').append(Output.pct(s.probability()));
        }
        if (!p.confident()) {
            sb.append("  (uncertain)");
        }
        return sb.toString();
    }
}
