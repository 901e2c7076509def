package dev.loupe.cli;

import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.workflow.TrainOutcome;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.engine.util.OutputGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code loupe train DATASET}: features (cached), head training, evaluation, model bundle. It is a run of the
 * dataset as the studio's Retrain is ({@link TrainJob}, in DATASET/.loupe/runs): listed by {@code loupe runs} and the
 * studio, its finished model the one Classify uses, and a fine-tuning run stopped part-way (Ctrl+C) resumable.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a classifier on a dataset folder (one sub-folder per class).",
                "The run is recorded with the dataset (DATASET/.loupe/runs), as the studio's are: `loupe runs "
                        + "DATASET` lists it, its model becomes the one the studio's Classify uses, and a fine-tuning "
                        + "run stopped after an epoch (Ctrl+C) goes on with `loupe runs resume DATASET RUN`."})
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of images per class.")
    Path dataset;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL",
            description = "Model file to write (default: DATASET_NAME.loupe in the current folder).")
    Path output;

    @Mixin BackboneOption backbone;

    @Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingConfig.DEFAULT_EPOCHS)
    int epochs;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingConfig.DEFAULT_SEED)
    long seed;

    @Option(names = "--learning-rate", description = "Adam step size (default: chosen by the head search, starting "
            + "from " + TrainingConfig.DEFAULT_LEARNING_RATE + "); giving it turns the search off.")
    Double learningRate;

    @Option(names = "--hidden", description = "Hidden layer size, 0 for none (default: chosen by the head search, "
            + "starting from " + TrainingConfig.DEFAULT_HIDDEN + "); giving it turns the search off.")
    Integer hidden;

    @Option(names = "--dropout", description = "Dropout before the output layer (default: chosen by the head "
            + "search, starting from " + TrainingConfig.DEFAULT_DROPOUT + "); giving it turns the search off.")
    Double dropout;

    @Option(names = "--head-search", negatable = true, defaultValue = "" + TrainingConfig.DEFAULT_HEAD_SEARCH,
            fallbackValue = "true",
            description = "Choose hidden layer, dropout, L2 and learning rate by trying settings on held-out images "
                    + "(default: on; --no-head-search trains the defaults as given).")
    boolean headSearch;

    @Option(names = "--validation", paramLabel = "PERCENT", converter = PercentConverter.class,
            description = "Share of images held out for validation, e.g. 20%% (default: ${DEFAULT-VALUE}%%).",
            defaultValue = "" + (int) TrainingConfig.DEFAULT_VALIDATION_PERCENT)
    double validation;

    @Option(names = "--patience", description = "Stop after this many epochs without progress (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingConfig.DEFAULT_PATIENCE)
    int patience;

    @Option(names = "--class-weights", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Weigh classes by inverse frequency (default: on; --no-class-weights to weigh all photos "
                    + "alike).")
    boolean classWeights;

    @Option(names = "--augment", paramLabel = "K|auto", converter = AugmentConverter.class,
            description = "Augmented variants (crop, flip, rotation) per training image; their features are "
                    + "cached, so only the first run with a given K pays for them. Default: auto, "
                    + TrainingConfig.AUTO_VARIANTS + " when the training split has " + TrainingConfig.AUTO_FROM + " to "
                    + (TrainingConfig.AUTO_BELOW - 1) + " photos and the head is searched, which keeps them only if they score better on held-out "
                    + "photos; else none.",
            defaultValue = AugmentConverter.AUTO)
    int augment;

    @Option(names = "--augment-colour",
            description = "Vary the variants' brightness, contrast and saturation too (default: off, since where "
                    + "colour tells the classes apart it blurs them).")
    boolean augmentColour;

    @Option(names = "--fine-tune", paramLabel = "N",
            description = "Also train the backbone's last N blocks (1 or 2) with the head, on maps cached at the cut "
                    + "below them in DATASET/.loupe (default: ${DEFAULT-VALUE}, the head alone). Slower: each epoch "
                    + "runs the blocks over every training photo.",
            defaultValue = "0")
    int fineTune;

    @Override
    public Integer call() throws Exception {
        boolean search = headSearch && learningRate == null && hidden == null && dropout == null;
        if (augmentColour && (augment == 0 || !search && augment == TrainingConfig.AUTO_AUGMENTATIONS)) {
            // Otherwise the flag would do nothing, silently (auto makes no variants without the search).
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--augment-colour varies the colours of augmented variants: give --augment K as well (e.g. 2)");
        }
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig config = OptionValues.valid(spec, () -> new TrainingConfig(backbone.id, epochs,
                learningRate != null ? learningRate : d.learningRate(), hidden != null ? hidden : d.hiddenUnits(),
                dropout != null ? dropout : d.dropout(), d.l2(), validation, seed, patience, d.batchSize(),
                classWeights, augment, search, augmentColour, fineTune));
        Path target = output != null ? output
                : Path.of(dataset.toAbsolutePath().normalize().getFileName() + ".loupe");
        OutputGuard.check(target, List.of(), dataset);
        TrainWorkflow workflow = new TrainWorkflow(Engine.backbones(), Engine.extractors(common));
        RunHistory history = RunHistory.of(dataset);
        TrainJob job = new TrainJob(workflow, history, dataset, config);
        RunRecord run;
        try (DatasetLock lock = DatasetLock.acquire(dataset, "loupe train")) {
            run = Jobs.run(common, System.err, job);
        } catch (Exception e) {
            sayWhatIsLeft(spec.commandLine().getErr(), history, dataset, job.recorded());
            throw e;
        }
        // The run's own model stays in its folder (the studio shows it); -o gets a copy, written whole or not at all.
        history.export(run.id(), target);
        TrainOutcome outcome = job.outcome().withModel(target);
        if (common.json) {
            Output.json(spec.commandLine().getOut(), outcome);
        } else {
            TrainReport.print(spec.commandLine().getOut(), outcome);
            spec.commandLine().getOut().printf("Recorded as run %s of %s (loupe runs lists it)%n", run.id(),
                    TerminalText.safe(dataset));
        }
        return ExitCodes.OK;
    }

    /**
     * A run that stopped without a model (Ctrl+C, a failure): how it was recorded and whether it can go on, in one
     * sentence before the error's own; nothing when it was never recorded (a refused setting, a dataset in use).
     */
    static void sayWhatIsLeft(java.io.PrintWriter err, RunHistory history, Path dataset, RunRecord run) {
        if (run == null || run.state() == RunState.FINISHED || run.state() == RunState.RUNNING) {
            return;
        }
        String ended = "Run " + run.id() + " is recorded as " + run.state().name().toLowerCase() + " after "
                + Plurals.of(run.history().size(), "epoch");
        var why = history.whyNotResumable(run);
        err.println(TerminalText.safe(ended + (why.isEmpty()
                ? "; loupe runs resume " + dataset + " " + run.id() + " goes on from there."
                : "; it " + why.get() + ".")));
        err.flush();
    }
}
