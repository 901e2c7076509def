package dev.loupe.cli;

import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.workflow.TrainWorkflow;
import picocli.CommandLine.Command;
import dev.loupe.engine.util.OutputGuard;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code loupe runs resume DATASET RUN}: a fine-tuning run that was cancelled, failed or cut short (the studio closed,
 * the process killed) goes on from its last completed epoch, in its own folder, as the studio's Resume does.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a cancelled, failed or interrupted fine-tuning run from its last completed epoch "
                + "(its checkpoint in DATASET/.loupe/runs/RUN), with its own settings; the finished run's model "
                + "becomes the one Classify uses.")
final class RunsResumeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset folder.")
    Path dataset;

    @Parameters(index = "1", paramLabel = "RUN", description = "The run's id, as `loupe runs DATASET` lists it.")
    String run;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL",
            description = "Also copy the finished run's model here, as `loupe train -o` does (it stays in the run's "
                    + "folder too).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (output != null) {
            OutputGuard.check(output, List.of(), dataset);
        }
        RunHistory history = RunHistory.of(dataset);
        TrainWorkflow workflow = new TrainWorkflow(Engine.backbones(), Engine.extractors(common));
        RunRecord done;
        TrainJob job = TrainJob.resume(workflow, history, dataset, run);
        try (DatasetLock lock = DatasetLock.acquire(dataset, "loupe runs resume")) {
            done = Jobs.run(common, System.err, job);
        } catch (Exception e) {
            TrainCommand.sayWhatIsLeft(spec.commandLine().getErr(), history, dataset, job.recorded());
            throw e;
        }
        if (output != null) {
            history.export(done.id(), output);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Output.json(out, done);
            return ExitCodes.OK;
        }
        out.printf("Run %s finished: %d epochs, best epoch %d, validation accuracy %s; model %s%n", done.id(),
                done.history().size(), done.bestEpoch(), Output.pct(done.validationAccuracy()),
                TerminalText.safe(output != null ? output : history.modelPath(done.id())));
        out.flush();
        return ExitCodes.OK;
    }
}
