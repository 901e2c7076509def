package dev.loupe.cli;

import dev.loupe.engine.features.ImageProblem;
import dev.loupe.engine.workflow.EvaluateWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code loupe evaluate MODEL DATASET}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a dataset folder: confusion matrix, per-class figures, calibration, "
                + "misclassified images.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .loupe model file.")
    Path model;

    @Parameters(index = "1", paramLabel = "DATASET", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Option(names = "--all", description = "Evaluate every image, not only the validation split (for a separate "
            + "test set).")
    boolean all;

    @Option(names = "--show", description = "Misclassified images to list (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int show;

    @Override
    public Integer call() throws Exception {
        OptionValues.atLeast(spec, "--show", show, 0);
        EvaluateWorkflow workflow = new EvaluateWorkflow(Engine.backbones(), Engine.extractors(common));
        EvaluateWorkflow.Outcome outcome = Jobs.run(common, System.err, m -> workflow.run(model, dataset, all, m));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, outcome);
            return ExitCodes.OK;
        }
        for (ImageProblem p : outcome.problems()) {
            out.println("Skipped " + p);
        }
        if (outcome.skippedUnknownLabel() > 0) {
            out.printf("Skipped %d image(s) of classes the model does not know%n", outcome.skippedUnknownLabel());
        }
        EvaluationPrinter.print(out, outcome.report(), outcome.evaluatedOn(), show);
        out.flush();
        return ExitCodes.OK;
    }
}
