package dev.loupe.cli;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;


import static org.assertj.core.api.Assertions.assertThat;

/** The command line's shared contract, checked on picocli's model of it: no dataset, no backbone run. */
class CommandLineTest {

    @TempDir Path dir;

    @Test
    void everyCommandThatExtractsFeaturesDefaultsToTheOneDefaultBackbone() {
        CommandLine root = Cli.commandLine();
        for (String[] path : new String[][]{{"train"}, {"features"}, {"similar"}, {"embed"}, {"dataset", "audit"}}) {
            CommandLine c = root;
            for (String name : path) {
                c = c.getSubcommands().get(name);
            }
            OptionSpec option = c.getCommandSpec().findOption("--backbone");
            assertThat(option).as(String.join(" ", path) + " --backbone").isNotNull();
            assertThat(option.defaultValue()).as(String.join(" ", path)).isEqualTo(BackboneRegistry.DEFAULT_ID);
        }
    }

    /**
     * `loupe train` must train as the studio does unless told otherwise: class weights and the head search on. A
     * negatable option's default is its value when absent, so "--no-class-weights" with a default of false had left
     * every command-line model unweighted while the help said "(default: on)".
     */
    @Test
    void trainDefaultsToClassWeightsAndTheHeadSearchLikeTheStudio() {
        TrainCommand plain = parsedTrain("photos");
        assertThat(plain.classWeights).as("class weights by default").isTrue();
        assertThat(plain.headSearch).as("head search by default").isTrue();
        assertThat(parsedTrain("photos", "--no-class-weights").classWeights).isFalse();
        assertThat(parsedTrain("photos", "--no-head-search").headSearch).isFalse();
        assertThat(plain.augmentColour).as("variants keep their colours unless asked").isFalse();
        assertThat(parsedTrain("photos", "--augment", "2", "--augment-colour").augmentColour).isTrue();
        CliRun none = CliRun.of("train", "photos", "--augment", "0", "--augment-colour");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("give --augment K as well").doesNotContain("Exception");
        CliRun unsearched = CliRun.of("train", "photos", "--no-head-search", "--augment-colour");
        assertThat(unsearched.exitCode()).isEqualTo(2);
        assertThat(unsearched.err()).contains("give --augment K as well");
    }

    /** Augmentation is left to the dataset's size unless a count is given; the help says what auto does. */
    @Test
    void augmentDefaultsToAutoAndTakesACount() {
        assertThat(parsedTrain("photos").augment).isEqualTo(TrainingConfig.AUTO_AUGMENTATIONS);
        assertThat(parsedTrain("photos", "--augment", "auto").augment).isEqualTo(TrainingConfig.AUTO_AUGMENTATIONS);
        assertThat(parsedTrain("photos", "--augment", "3").augment).isEqualTo(3);
        CliRun bad = CliRun.of("train", "photos", "--augment", "33");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("between 0 and " + TrainingConfig.MAX_AUGMENTATIONS + ", or auto")
                .doesNotContain("Exception");
        CliRun help = CliRun.of("train", "--help");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Default: auto, " + TrainingConfig.AUTO_VARIANTS
                + " when the training split has " + TrainingConfig.AUTO_FROM + " to " + (TrainingConfig.AUTO_BELOW - 1)
                + " photos");
    }

    private static TrainCommand parsedTrain(String... args) {
        CommandLine root = Cli.commandLine();
        String[] line = new String[args.length + 1];
        line[0] = "train";
        System.arraycopy(args, 0, line, 1, args.length);
        root.parseArgs(line);
        return root.getSubcommands().get("train").getCommand();
    }

    /**
     * picocli formats every help line as a format string: a lone '%' ("95% of") made it print a warning above
     * `loupe bench labelling --help` and show the raw text.
     */
    @Test
    void everyHelpTextFormatsWithoutAWarning() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            usageOfEvery(Cli.commandLine());
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    private static void usageOfEvery(CommandLine c) {
        // A picocli variable that does not apply where it is written (an option's ${COMPLETION-CANDIDATES} in a
        // command's description) prints as "null": `loupe export --help` said "Formats: null."
        assertThat(c.getUsageMessage()).isNotBlank().doesNotContainPattern("\\bnull\\b");
        c.getSubcommands().values().forEach(CommandLineTest::usageOfEvery);
    }

    @Test
    void anOptionValueOutOfRangeIsABadCommandLineLikeAValueOfTheWrongType() {
        String ds = TestImages.dataset(dir.resolve("ds"), 1, Color.RED).toString();
        String[][] bad = {{"train", ds, "--epochs", "0"}, {"train", ds, "--dropout", "2"}, {"train", ds, "--hidden",
            "-3"}, {"train", ds, "--epochs", "abc"}, {"train", ds, "--fine-tune", "3"}, {"classify", "m.loupe", "x.jpg", "--top", "0"},
            {"similar", ds, "x.jpg", "--k", "0"}, {"evaluate", "m.loupe", ds, "--show", "-1"},
            {"bench", "--seconds", "-1"}, {"bench", "--dl4j-images", "0"}, {"dataset", "rm", ds}};
        for (String[] args : bad) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(String.join(" ", args)).containsAnyOf("Invalid value", "Invalid option value",
                    "Give either");
        }
    }

    /** `--fine-tune 1` trains the last block, saves it in the model file, and that file classifies. */
    @Test
    void aFineTunedModelIsSavedAndClassifies() throws Exception {
        Path ds = TestImages.dataset(dir.resolve("ds"), 10, Color.RED, Color.BLUE);
        Path model = dir.resolve("ft.loupe");
        CliRun run = CliRun.of("train", ds.toString(), "--fine-tune", "1", "--backbone", "mobilenet-v1-0.25", "-o",
                model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Fine-tuned the last block of mobilenet-v1-0.25");
        assertThat(model).isRegularFile();
        CliRun classify = CliRun.of("classify", model.toString(), ds.resolve("blue/img3.png").toString());
        assertThat(classify.exitCode()).as(classify.err()).isZero();
        assertThat(classify.out()).contains("blue");
        assertThat(CliRun.of("train", "--help").out()).contains("--fine-tune=N");
    }

    @Test
    void addingOnlyMissingFilesIsABadInputAndOpenNeedsAFolderOrAModel() {
        String ds = TestImages.dataset(dir.resolve("ds"), 1, Color.RED).toString();
        CliRun add = CliRun.of("dataset", "add", ds, "red", dir.resolve("gone1.jpg").toString(),
                dir.resolve("gone2.jpg").toString());
        assertThat(add.exitCode()).as(add.out() + add.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(add.out()).contains("No images added").contains("gone1.jpg");
        assertThat(CliRun.of("open", dir.resolve("missing").toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(CliRun.of("open", dir.resolve("ds/red/img0.png").toString()).err())
                .contains("is neither a dataset folder nor a .loupe model file");
        assertThat(CliRun.of("--help").out()).contains("open");
    }
}
