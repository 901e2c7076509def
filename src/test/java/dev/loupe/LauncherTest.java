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
        assertThat(Launcher.opensStudio(new String[0])).isTrue();
        assertThat(Launcher.opensStudio(new String[]{dir.toString()})).isTrue();
        assertThat(Launcher.opensStudio(new String[]{model.toString()})).isTrue();
        assertThat(Launcher.isModelFile(model.toString())).isTrue();
        assertThat(Launcher.opensStudio(new String[]{"train", dir.toString()})).isFalse();
        assertThat(Launcher.opensStudio(new String[]{"backbones"})).isFalse();
        assertThat(Launcher.opensStudio(new String[]{"--help"})).isFalse();
        assertThat(Launcher.opensStudio(new String[]{dir.resolve("missing.loupe").toString()})).isFalse();
    }
}
