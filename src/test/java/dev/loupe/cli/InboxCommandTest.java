package dev.loupe.cli;

import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code loupe inbox} and {@code loupe inbox accept}: the same engine calls as the studio, on a real backbone. */
class InboxCommandTest {

    @TempDir Path tmp;

    @Test
    void listsSuggestionsAcceptsTheConfidentOnesAsOneEditAndUndoes() {
        Path ds = TestImages.dataset(tmp.resolve("set"), 8, Color.RED, Color.BLUE);
        TestImages.png(ds.resolve("new-red.png"), Color.RED, 32, 901);
        TestImages.png(ds.resolve("new-blue.png"), Color.BLUE, 32, 902);
        Path model = tmp.resolve("m.loupe");
        assertThat(CliRun.of("train", ds.toString(), "-o", model.toString(), "-q").exitCode()).isZero();

        CliRun list = CliRun.of("inbox", ds.toString(), "--model", model.toString(), "-q");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("2 photos in the inbox").containsPattern("new-red\\.png\\s+red")
                .containsPattern("new-blue\\.png\\s+blue");
        assertThat(CliRun.of("inbox", ds.toString(), "--model", model.toString(), "--json", "--order", "confident")
                .out()).contains("\"suggestion\" : \"red\"").contains("\"order\" : \"confident\"");

        CliRun dry = CliRun.of("inbox", "accept", ds.toString(), "--model", model.toString(),
                "--min-confidence", "0.5", "--dry-run", "-q");
        assertThat(dry.out()).contains("Would move 2 photos at or above 50.0% confidence");
        assertThat(ds.resolve("new-red.png")).exists();

        CliRun accept = CliRun.of("inbox", "accept", ds.toString(), "--model", model.toString(),
                "--min-confidence", "50%", "-q");
        assertThat(accept.out()).contains("Moved 2 photos");
        assertThat(ds.resolve("red/new-red.png")).exists();
        assertThat(ds.resolve("blue/new-blue.png")).exists();
        assertThat(CliRun.of("dataset", "undo", ds.toString()).out()).contains("Undid: Label 2 images");
        assertThat(ds.resolve("new-red.png")).exists();
        assertThat(ds.resolve("new-blue.png")).exists();
    }

    @Test
    void withoutAModelItSaysHowToGetSuggestionsAndAcceptRefuses() {
        Path ds = TestImages.dataset(tmp.resolve("set"), 3, Color.RED, Color.BLUE);
        TestImages.png(ds.resolve("new.png"), Color.RED, 32, 903);
        CliRun list = CliRun.of("inbox", ds.toString(), "-q");
        assertThat(list.out()).contains("No trained run yet").contains("1 photo in the inbox").contains("new.png");
        CliRun accept = CliRun.of("inbox", "accept", ds.toString(), "--min-confidence", "0.9", "-q");
        assertThat(accept.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(accept.err()).contains("There are no suggestions to accept");
        assertThat(CliRun.of("inbox").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
