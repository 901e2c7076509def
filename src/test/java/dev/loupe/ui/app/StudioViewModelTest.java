package dev.loupe.ui.app;

import dev.loupe.ui.common.SessionServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StudioViewModelTest {

    @TempDir
    Path tmp;
    private StudioPrefs prefs;
    private Path sample;

    @BeforeEach
    void setUp() throws IOException {
        prefs = new StudioPrefs(new MemoryPreferences());
        sample = Files.createDirectories(tmp.resolve("flowers"));
    }

    private StudioViewModel studio() {
        return new StudioViewModel(prefs, sample, SessionServices.inline());
    }

    @Test
    void recentListPutsNewestFirstDeduplicatesAndKeepsEight() throws IOException {
        StudioViewModel vm = studio();
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            folders.add(Files.createDirectories(tmp.resolve("set" + i)));
            vm.openDataset(folders.get(i));
        }
        vm.openDataset(folders.get(5));
        vm.openDataset(tmp.resolve("set5/../set5"));

        assertThat(vm.recentDatasets()).hasSize(8).doesNotHaveDuplicates();
        assertThat(vm.recentDatasets().get(0)).isEqualTo(folders.get(5));
        assertThat(vm.recentDatasets()).containsSequence(folders.get(9), folders.get(8), folders.get(7));
        assertThat(vm.recentDatasets()).doesNotContain(folders.get(0), folders.get(1));
        assertThat(studio().recentDatasets()).isEqualTo(vm.recentDatasets());
    }

    @Test
    void startWithoutArgumentReopensTheLastDatasetWhileItExists() throws IOException {
        Path last = Files.createDirectories(tmp.resolve("birds"));
        studio().openDataset(last);

        StudioViewModel vm = studio();
        vm.start(null, null);

        assertThat(vm.datasetProperty().get()).isEqualTo(last);
        assertThat(vm.titleProperty().get()).isEqualTo("birds — Loupe");
    }

    @Test
    void startWithoutArgumentFallsBackToTheSampleWhenTheLastDatasetIsGone() throws IOException {
        Path last = Files.createDirectories(tmp.resolve("birds"));
        StudioViewModel first = studio();
        first.openDataset(last);
        first.closeSession();
        // Opening a dataset locks it: the lock file is Loupe's own, in .loupe, and goes with the folder.
        Files.delete(last.resolve(".loupe/lock"));
        Files.delete(last.resolve(".loupe"));
        Files.delete(last);

        StudioViewModel vm = studio();
        vm.start(null, null);

        assertThat(vm.datasetProperty().get()).isEqualTo(sample);
        assertThat(vm.titleProperty().get()).isEqualTo("flowers — Loupe");
    }

    @Test
    void aFolderGivenAtStartWinsOverTheLastOne() throws IOException {
        studio().openDataset(Files.createDirectories(tmp.resolve("birds")));
        Path asked = Files.createDirectories(tmp.resolve("cats"));

        StudioViewModel vm = studio();
        vm.start(asked, null);

        assertThat(vm.datasetProperty().get()).isEqualTo(asked);
    }

    @Test
    void themeChoicePersistsAndFollowSystemTracksTheOs() {
        StudioViewModel vm = studio();
        assertThat(vm.themeProperty().get()).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(vm.darkProperty().get()).isFalse();
        vm.systemDarkProperty().set(true);
        assertThat(vm.darkProperty().get()).isTrue();

        vm.themeProperty().set(ThemeChoice.LIGHT);
        assertThat(vm.darkProperty().get()).isFalse();
        vm.themeProperty().set(ThemeChoice.DARK);

        StudioViewModel reopened = studio();
        assertThat(reopened.themeProperty().get()).isEqualTo(ThemeChoice.DARK);
        assertThat(reopened.darkProperty().get()).isTrue();
    }

    @Test
    void clearRecentEmptiesTheSavedList() throws IOException {
        StudioViewModel vm = studio();
        vm.openDataset(Files.createDirectories(tmp.resolve("birds")));
        vm.clearRecent();
        assertThat(studio().recentDatasets()).isEmpty();
    }
}
