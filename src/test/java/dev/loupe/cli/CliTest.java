package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line on a tiny generated dataset with the real bundled backbone: train once, then every other command
 * against that model.
 */
class CliTest {

    @TempDir static Path dir;
    private static Path dataset;
    private static Path model;
    private static CliRun train;

    @BeforeAll
    static void trainOnce() {
        dataset = TestImages.dataset(dir.resolve("colours"), 5, Color.RED, Color.GREEN, Color.BLUE);
        model = dir.resolve("colours.loupe");
        // No variants: the summary counts photos (the default's variants: FlowersEndToEndTest).
        train = CliRun.of("train", dataset.toString(), "-o", model.toString(), "--epochs", "40", "--augment", "0",
                "-q");
    }

    @Test
    void trainWritesAModelAndASummary() {
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(model).exists();
        assertThat(train.out()).contains("Features: 15 extracted, 0 cached (mobilenet-v1-0.75)")
                .contains("Confusion matrix").contains("Saved " + model);
    }

    @Test
    void classifyLabelsAnImageAndWritesCsv() throws Exception {
        // A new photo drawn as the training ones are (32 px, same speckle): a 48 px one was told apart from them by
        // texture and came out green or red depending on the head's size and seed.
        Path red = TestImages.png(dir.resolve("new-red.png"), Color.RED, 32, 777);
        Path csv = dir.resolve("out.csv");
        CliRun run = CliRun.of("classify", model.toString(), red.toString(), "--top", "2", "--csv", csv.toString(),
                "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(red + ": red ");
        assertThat(Files.readAllLines(csv)).hasSize(2).element(1).asString().startsWith(red + ",red,");
    }

    @Test
    void classifyJsonListsTopKPerImageAndFlagsUnreadableOnes() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image");
        CliRun run = CliRun.of("classify", model.toString(), dataset.resolve("green").toString(), text.toString(),
                "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json).hasSize(6);
        assertThat(json.get(0).get("top")).hasSize(3);
        assertThat(json.get(0).get("top").get(0).get("label").asText()).isEqualTo("green");
        assertThat(json.get(5).get("error").asText()).contains("not an image");
    }

    @Test
    void evaluateAndInfoDescribeTheModel() throws Exception {
        CliRun eval = CliRun.of("evaluate", model.toString(), dataset.toString(), "--all", "-q");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("Accuracy on all images").contains("of 15 images");
        CliRun info = CliRun.of("info", model.toString(), "--json");
        JsonNode manifest = new ObjectMapper().readTree(info.out());
        assertThat(manifest.get("labels").toString()).isEqualTo("[\"blue\",\"green\",\"red\"]");
        assertThat(manifest.get("provenance").get("config").get("seed").asLong()).isEqualTo(42);
    }

    @Test
    void badInputsGiveOneClearLineAndExitCodeThree() throws Exception {
        CliRun missing = CliRun.of("train", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err().strip()).startsWith("loupe: ").contains("nowhere").doesNotContain("Exception");
        Path damaged = Files.writeString(dir.resolve("damaged.loupe"), "garbage");
        CliRun info = CliRun.of("info", damaged.toString());
        assertThat(info.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(info.err()).contains("is damaged");
        assertThat(CliRun.of("train").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("train", "--backbone", "nope", dataset.toString()).err())
                .contains("Unknown backbone 'nope'");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[]{"train", "evaluate", "classify", "explain", "features", "info", "backbones", "export",
            "bench"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: loupe " + command);
        }
    }
}
