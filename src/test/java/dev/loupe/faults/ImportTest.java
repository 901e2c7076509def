package dev.loupe.faults;

import dev.loupe.cli.Cli;
import dev.loupe.engine.dataset.edit.AddResult;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing a folder someone else put together: a link to the user's SSH key named {@code beach.jpg}, a text file
 * named {@code .jpg}, a HEIC photo. A file is judged by its content, not its name; links found inside a folder are not
 * followed; a link the user names is (to what it points at, judged the same way). Nothing that is not an image gets
 * into the dataset, where sharing the dataset would leak it.
 */
class ImportTest {

    @TempDir Path dir;

    @Test
    void onlyFilesThatReadAsImagesAreAdded() throws Exception {
        Results.check("crafted dataset", "import of a folder with a link to ~/.ssh/id_ed25519 named beach.jpg, "
                        + "text named .jpg, HEIC; links given by name",
                "only images added (a named link to a photo is copied); each other file skipped with its reason; "
                        + "no byte of the key in the dataset", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 2, Color.RED, Color.BLUE);
            Path key = Files.createDirectories(dir.resolve("home/.ssh")).resolve("id_ed25519");
            Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n");
            Path vacation = Files.createDirectories(dir.resolve("vacation"));
            TestImages.png(vacation.resolve("sea.png"), Color.BLUE, 32, 1);
            Files.createSymbolicLink(vacation.resolve("beach.jpg"), key);
            Files.writeString(vacation.resolve("notes.jpg"), "day 1: beach\n");
            Files.write(vacation.resolve("IMG_9.heic"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
            Path photo = TestImages.png(dir.resolve("home/photo.png"), Color.RED, 32, 2);
            Path keyLink = Files.createSymbolicLink(dir.resolve("key.jpg"), key);
            Path photoLink = Files.createSymbolicLink(dir.resolve("pic.png"), photo);
            Map<String, String> before = DatasetHashes.of(ds);

            AddResult r = DatasetEditor.open(ds).add("blue", List.of(vacation, keyLink, photoLink), false);

            assertThat(r.added()).containsExactly("blue/sea.png", "blue/pic.png");
            assertThat(r.skipped()).extracting(s -> s.file().getFileName() + ": " + s.reason()).containsExactly(
                    "IMG_9.heic: HEIC photos are not supported yet: convert them to JPEG or PNG",
                    "beach.jpg: a link: Loupe does not follow links found inside a folder (give it the file itself)",
                    "notes.jpg: not an image (the file holds text)",
                    "key.jpg: not an image (the file holds text)");
            String keyHash = dev.loupe.engine.util.Hashes.sha256(key);
            Map<String, String> after = DatasetHashes.of(ds);
            assertThat(after).doesNotContainValue(keyHash);
            assertThat(after.get("blue/pic.png")).isEqualTo(dev.loupe.engine.util.Hashes.sha256(photo));
            after.keySet().removeAll(List.of("blue/sea.png", "blue/pic.png"));
            assertThat(after).isEqualTo(before);

            // The command line says the same, file by file.
            StringWriter out = new StringWriter();
            int exit = Cli.commandLine().setOut(new PrintWriter(out)).execute("dataset", "add", ds.toString(), "red",
                    vacation.toString());
            assertThat(exit).isZero();
            assertThat(out.toString()).contains("skipped " + vacation.resolve("beach.jpg") + ": a link");
            Results.note(out.toString().strip().replace(dir.toString(), "…").replace("\n", " / "));
        });
    }
}
