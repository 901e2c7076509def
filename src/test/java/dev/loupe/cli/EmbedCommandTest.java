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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code loupe embed} and {@code loupe similar} on a tiny generated dataset with the real bundled backbone. */
class EmbedCommandTest {

    @TempDir static Path dir;
    private static Path dataset;

    @BeforeAll
    static void makeDataset() {
        dataset = TestImages.dataset(dir.resolve("colours"), 5, Color.RED, Color.GREEN, Color.BLUE);
    }

    @Test
    void embedWritesOnePointPerImage() throws Exception {
        Path csv = dir.resolve("points.csv");
        CliRun run = CliRun.of("embed", dataset.toString(), "-o", csv.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(16).first().isEqualTo("x,y,label,path");
        assertThat(lines.get(1)).matches("-?[0-9.]+,-?[0-9.]+,blue,.*img0\\.png");

        CliRun json = CliRun.of("embed", dataset.toString(), "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode points = new ObjectMapper().readTree(json.out());
        assertThat(points).hasSize(15);
        assertThat(points.get(0).get("label").asText()).isEqualTo("blue");
    }

    @Test
    void similarListsTheNearestImagesOfTheSameColourFirst() throws Exception {
        Path red = TestImages.png(dir.resolve("new-red.png"), Color.RED, 48, 4242);
        // Flat colours with noise: MobileNetV2 0.35's features keep colour apart; the default v1 0.75's do not.
        CliRun run = CliRun.of("similar", dataset.toString(), red.toString(), "--k", "3", "--json", "--backbone",
                "mobilenet-v2-0.35");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(run.out());
        assertThat(rows).hasSize(3);
        for (JsonNode row : rows) {
            assertThat(row.get("label").asText()).isEqualTo("red");
        }
        assertThat(rows.get(0).get("similarity").asDouble()).isGreaterThan(rows.get(2).get("similarity").asDouble());

        Path member = dataset.resolve("green/img1.png");
        CliRun self = CliRun.of("similar", dataset.toString(), member.toString(), "--k", "2", "--backbone",
                "mobilenet-v2-0.35");
        assertThat(self.exitCode()).as(self.err()).isZero();
        assertThat(self.out()).doesNotContain("img1.png").contains("green");
    }
}
