package dev.loupe.cli;

import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.util.Plurals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code loupe runs DATASET}: the training runs recorded for a dataset, newest first; * marks the selected one. */
@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = RunsResumeCommand.class,
        description = "List a dataset's training runs (newest first; * marks the model Classify uses; "
                + "\"resumable\" a fine-tuning run that can go on: loupe runs resume DATASET RUN).")
final class RunsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    // Optional to picocli, so that "loupe runs resume DATASET RUN" is not read as a missing DATASET.
    @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Override
    public Integer call() throws Exception {
        if (dataset == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required parameter: 'DATASET'");
        }
        RunHistory history = RunHistory.of(dataset);
        List<RunRecord> runs = history.list();
        String selected = history.selected().orElse(null);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, runs);
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            out.println("No runs recorded for " + dataset);
        }
        for (RunRecord r : runs) {
            out.printf("%s %-18s %-11s %-20s %8s  %-9s  %s%s%n", r.id().equals(selected) ? "*" : " ", r.id(),
                    r.state().name().toLowerCase(), r.config().backbone(), Output.pct(r.validationAccuracy()),
                    Plurals.of(r.history().size(), "epoch"), Output.seconds(r.durationMillis()),
                    history.resumable(r) ? "  resumable" : "");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
