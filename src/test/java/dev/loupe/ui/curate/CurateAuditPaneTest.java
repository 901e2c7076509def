package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.dataset.edit.TestImages;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit in the real pane under headless Monocle; the audit runs on a background studio queue, no backbone. */
@ExtendWith(ApplicationExtension.class)
class CurateAuditPaneTest {

    @TempDir
    static Path tmp;
    private final JobExecutor studioJobs = JobExecutor.background();
    private CuratePane pane;

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        Path root = TestImages.smallDataset(Files.createTempDirectory(tmp, "set"));
        Files.copy(root.resolve("a/1.png"), root.resolve("b/copy.png"));
        pane = new CuratePane(new StudioContext(DatasetSession.open(root, new SessionServices(studioJobs,
                Platform::runLater, JobExecutor::inline))), AuditFeatures.none());
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1100, 700));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        studioJobs.close();
    }

    @Test
    void auditFindsTheDuplicateAndClickingItShowsBothCopies(FxRobot robot) throws Exception {
        waitFor(() -> grid(robot).getItems().size() == 2);
        assertThat(robot.lookup("#audit-panel").query().isVisible()).isFalse();

        robot.clickOn("#audit-button");
        waitFor(() -> robot.lookup("#finding-duplicate").tryQuery().isPresent());
        assertThat(studioJobs.jobs()).anyMatch(j -> j.name().equals("Audit dataset"));
        assertThat(robot.lookup("#audit-summary").queryLabeled().getText()).startsWith("1 problem: 1 duplicate");
        assertThat(robot.lookup("#audit-filter").query().isVisible()).isFalse();

        robot.clickOn(robot.lookup("#finding-duplicate").queryAs(ListCell.class));
        waitFor(() -> grid(robot).getItems().stream().map(ImageEntry::relativePath).toList()
                .containsAll(java.util.List.of("a/1.png", "b/copy.png")) && grid(robot).getItems().size() == 2);
        assertThat(robot.lookup("#audit-filter").query().isVisible()).isTrue();
        // The two copies are on screen as thumbnails, one from each class.
        waitFor(() -> shownThumbnails(robot).equals(java.util.Set.of("a/1.png", "b/copy.png")));

        robot.clickOn("#audit-clear");
        waitFor(() -> grid(robot).getItems().stream().map(ImageEntry::relativePath).toList()
                .equals(java.util.List.of("a/1.png", "a/2.png")));
        assertThat(robot.lookup("#audit-filter").query().isVisible()).isFalse();

        // An edit makes the findings out of date: a banner says so, and Run again audits afresh.
        assertThat(robot.lookup("#audit-stale").query().isVisible()).isFalse();
        robot.interact(() -> {
            pane.viewModel().click("a/2.png", false, false);
            pane.editActions().delete();
        });
        waitFor(() -> robot.lookup("#audit-stale").query().isVisible());
        robot.clickOn("#audit-run-again");
        waitFor(() -> !robot.lookup("#audit-stale").query().isVisible()
                && robot.lookup("#finding-single_image_class").tryQuery().isPresent());
    }

    private static java.util.Set<String> shownThumbnails(FxRobot robot) {
        java.util.Set<String> shown = new java.util.TreeSet<>();
        for (Node n : robot.lookup(".thumbnail-cell").queryAll()) {
            if (treeVisible(n) && n instanceof ThumbnailCell c && c.getItem() != null && !c.isEmpty()) {
                shown.add(c.getItem().relativePath());
            }
        }
        return shown;
    }

    /** The grid keeps spare rows (with stale cells) hidden in its flow: only a cell whose ancestors all show counts. */
    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static GridView<ImageEntry> grid(FxRobot robot) {
        return robot.lookup("#thumbnail-grid").queryAs(GridView.class);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
