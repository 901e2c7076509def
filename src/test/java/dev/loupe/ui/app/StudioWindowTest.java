package dev.loupe.ui.app;

import dev.loupe.ui.common.SessionServices;
import dev.loupe.engine.jobs.JobExecutor;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real window under headless Monocle, with throwaway preferences and its own job queue. */
@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {

    @TempDir
    static Path tmp;
    private final JobExecutor jobs = JobExecutor.background();
    private final CountDownLatch release = new CountDownLatch(1);
    private Stage stage;
    private StudioViewModel vm;
    private StudioWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        vm = new StudioViewModel(new StudioPrefs(new MemoryPreferences()),
                Files.createDirectories(tmp.resolve("flowers")), SessionServices.studio(jobs));
        vm.start(null, null);
        window = new StudioWindow(stage, vm, jobs, StudioPanes.defaults());
        window.show();
    }

    @Stop
    void stop() {
        release.countDown();
        jobs.close();
    }

    @Test
    void showsThreePanesSwitchesWithShortcutAndListsRunningJobs(FxRobot robot) throws Exception {
        assertThat(stage.getTitle()).isEqualTo("flowers — Loupe");
        assertThat(robot.lookup("#sidebar .toggle-button").queryAll()).hasSize(3);
        assertThat(button(robot, "#nav-curate").isSelected()).isTrue();
        assertThat(robot.lookup("#pane-curate").tryQuery()).isPresent();
        assertThat(robot.lookup(".empty-state-message").queryAs(Label.class).getText()).contains("flowers");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(button(robot, "#nav-train").isSelected()).isTrue();
        assertThat(button(robot, "#nav-curate").isSelected()).isFalse();
        assertThat(robot.lookup("#pane-train").tryQuery()).isPresent();
        assertThat(robot.lookup("#pane-curate").tryQuery()).isEmpty();

        jobs.submit("Extract features", m -> {
            m.stage("Extracting");
            m.progress(5, 20);
            return release.await(30, TimeUnit.SECONDS);
        });
        // The status bar polls every 250 ms: wait for the job's row rather than sleeping a fixed time.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#status-jobs .label").queryAllAs(Label.class).stream()
                        .anyMatch(l -> "Extract features".equals(l.getText())));
        // The row can appear while the job is still queued (progress unknown); the next poll brings its 5/20.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#status-jobs .progress-bar").queryAs(ProgressBar.class).getProgress() == 0.25);

        release.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#status-jobs .label").queryAll().isEmpty());
    }

    /**
     * Issue 17: state outlived its dataset. Opening another dataset closes the old session as a whole (its jobs
     * cancelled, its lock let go) and makes new panes for the new one, so nothing of the old dataset is shown.
     */
    @Test
    void openingAnotherDatasetClosesTheOldSessionAndItsPanes(FxRobot robot) throws Exception {
        var first = vm.sessionProperty().get();
        var oldPanes = window.panes();
        var job = first.compute("Map flowers", m -> {
            while (!m.isCancelled()) { // a job checks for cancel at each step, as the engine's do
                Thread.sleep(10);
            }
            return null;
        });
        Path birds = Files.createDirectories(tmp.resolve("birds"));

        robot.interact(() -> vm.openDataset(birds));

        assertThat(first.isClosed()).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> job.state().isFinal());
        assertThat(job.state()).isEqualTo(dev.loupe.engine.jobs.JobState.CANCELLED);
        assertThat(Files.readString(first.root().resolve(".loupe/lock"))).as("the lock is let go").isEmpty();
        assertThat(window.panes()).hasSize(3).doesNotContainAnyElementsOf(oldPanes);
        assertThat(vm.sessionProperty().get().root()).isEqualTo(birds);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".empty-state-message").queryAs(Label.class).getText()).contains("birds");
    }

    /** Issue 17: a first run said nothing about what to do; the button said "Retrain"; Help had only About. */
    @Test
    void aFirstRunGuidesTheUserAndTrainSaysTrainUntilARunExists(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#first-run-guide").query().isVisible()).isTrue();
        robot.clickOn("2  Train: press Train");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#pane-train").tryQuery()).isPresent();
        assertThat(robot.lookup("#retrain").queryButton().getText()).isEqualTo("Train");
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        assertThat(bar.getMenus().get(3).getItems()).extracting(MenuItem::getText)
                .contains("Getting Started", "Keyboard Shortcuts", "About Loupe");

        robot.clickOn("#dismiss-guide");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#first-run-guide").query().isVisible()).isFalse();
        assertThat(vm.prefs().guideDismissed()).isTrue();
    }

    @Test
    void editItemsAreDisabledWhileNoPaneHandlesThem(FxRobot robot) {
        MenuItem undo = robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().get(1).getItems().get(0);
        assertThat(undo.getText()).isEqualTo("Undo");
        assertThat(undo.isDisable()).isTrue();
    }

    private static ToggleButton button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(ToggleButton.class);
    }
}
