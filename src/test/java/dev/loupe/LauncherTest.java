package dev.loupe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherTest {

    @TempDir Path dir;

    @Test
    void nothingAFolderOrAModelFileOpenTheStudioEverythingElseIsACommand() throws Exception {
        Path model = Files.writeString(dir.resolve("flowers.LOUPE"), "zip");
        Path here = Path.of("");
        assertThat(Launcher.opensStudio(new String[0], here)).isTrue();
        assertThat(Launcher.opensStudio(new String[]{dir.toString()}, here)).isTrue();
        assertThat(Launcher.opensStudio(new String[]{model.toString()}, here)).isTrue();
        assertThat(Launcher.isModelFile(model.toString())).isTrue();
        assertThat(Launcher.opensStudio(new String[]{"train", dir.toString()}, here)).isFalse();
        assertThat(Launcher.opensStudio(new String[]{"backbones"}, here)).isFalse();
        assertThat(Launcher.opensStudio(new String[]{"--help"}, here)).isFalse();
        assertThat(Launcher.opensStudio(new String[]{dir.resolve("missing.loupe").toString()}, here)).isFalse();
    }

    @Test
    void aSubCommandsNameWinsOverAFolderOfThatNameAndOpenOrAPathOpensTheFolder() throws Exception {
        for (String name : new String[]{"bench", "info", "dataset", "open"}) {
            Files.createDirectories(dir.resolve(name));
            assertThat(Launcher.opensStudio(new String[]{name}, dir)).as(name).isFalse();
        }
        Files.createDirectories(dir.resolve("flowers"));
        assertThat(Launcher.opensStudio(new String[]{"flowers"}, dir)).isTrue();
        assertThat(Launcher.opensStudio(new String[]{dir.resolve("bench").toString()}, dir)).isTrue();
    }
}
