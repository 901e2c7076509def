package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code loupe dataset audit --features} with the real default backbone on a tiny generated dataset. */
class DatasetAuditCommandTest {

    @TempDir Path dir;

    @Test
    void aRedImageInTheBlueFolderIsALikelyMislabelSuggestingRed() throws Exception {
        Path dataset = TestImages.dataset(dir.resolve("colours"), 8, Color.RED, Color.GREEN, Color.BLUE);
        TestImages.png(dataset.resolve("blue/stray.png"), Color.RED, 32, 4242);

        CliRun run = CliRun.of("dataset", "audit", dataset.toString(), "--features", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
        assertThat(findings).filteredOn(f -> f.get("kind").asText().equals("LIKELY_MISLABEL"))
                .singleElement().satisfies(f -> {
                    assertThat(f.get("images").get(0).asText()).isEqualTo("blue/stray.png");
                    assertThat(f.get("classes").get(1).asText()).isEqualTo("red");
                });
    }
}
