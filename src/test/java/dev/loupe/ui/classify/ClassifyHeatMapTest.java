package dev.loupe.ui.classify;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.FakeHeatMaps;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.StudioContext;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Show what it looked at" in Classify, on the real pane under headless Monocle with fake models: the map is computed
 * in a job off the FX thread and laid over the photo with its legend; clicking another class in the list shows that
 * class's map without running the model again; a photo shown again comes from the cache; a backbone without feature
 * maps says so instead of drawing one.
 */
@ExtendWith(ApplicationExtension.class)
class ClassifyHeatMapTest {

    @TempDir
    static Path tmp;
    private final FakeHeatMaps maps = new FakeHeatMaps();
    private DatasetSession session;
    private ClassifyPane pane;

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        Path root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 3, Color.RED, Color.GREEN, Color.BLUE);
        // Background queues, as in the studio: the heat-map job must not run on the FX thread.
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), Platform::runLater,
                JobExecutor::background).withHeatMaps(() -> maps));
        session.classifyModelProperty().set(Files.writeString(tmp.resolve("colours.loupe"), "fake"));
        pane = new ClassifyPane(new StudioContext(session), new FakeBackend());
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1200, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void theToggleComputesTheMapOffTheFxThreadAndLaysItOverThePhoto(FxRobot robot) throws Exception {
        show(robot, TestImages.png(tmp.resolve("greenish.png"), new Color(40, 200, 60), 64, 1));
        assertThat(shown(robot.lookup("#heatmap-legend").query())).isFalse();

        robot.clickOn("#heatmap-toggle");
        waitFor(() -> overlay(robot).getImage() != null);
        assertThat(maps.threads).hasSize(1).allSatisfy(t -> assertThat(t.getName()).isEqualTo("loupe-jobs"));
        assertThat(robot.lookup("#heatmap-toggle").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(overlay(robot).isVisible()).isTrue();
        assertThat(shown(robot.lookup("#heatmap-legend").query())).isTrue();
        assertThat(caption(robot)).startsWith("Where it saw green (");
        assertThat(hotAt(overlay(robot).getImage(), 1)).isTrue(); // green's cell, in the middle
        // The overlay covers the photo exactly: same fit, same aspect ratio.
        ImageView photo = robot.lookup("#result-photo").queryAs(ImageView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> photo.getImage().getProgress() >= 1);
        assertThat(overlay(robot).getBoundsInParent()).isEqualTo(photo.getBoundsInParent());

        robot.interact(() -> robot.lookup("#heatmap-opacity").queryAs(javafx.scene.control.Slider.class).setValue(0.3));
        assertThat(overlay(robot).getOpacity()).isEqualTo(0.3);
        robot.clickOn("#heatmap-toggle");
        assertThat(overlay(robot).isVisible()).isFalse();
    }

    @Test
    void clickingAnotherClassShowsItsMapWithoutRunningTheModelAgain(FxRobot robot) throws Exception {
        show(robot, TestImages.png(tmp.resolve("mostly-green.png"), new Color(120, 200, 40), 64, 2));
        robot.clickOn("#heatmap-toggle");
        waitFor(() -> caption(robot).startsWith("Where it saw green"));
        Image green = overlay(robot).getImage();

        Node redRow = robot.lookup(".score-row").queryAll().stream()
                .filter(r -> robot.from(r).lookup(".score-label").queryAs(Label.class).getText().equals("red"))
                .findFirst().orElseThrow();
        robot.clickOn(redRow);
        waitFor(() -> caption(robot).startsWith("Where it saw red"));
        assertThat(overlay(robot).getImage()).isNotSameAs(green);
        assertThat(hotAt(overlay(robot).getImage(), 0)).isTrue();
        assertThat(hotAt(overlay(robot).getImage(), 1)).isFalse();
        assertThat(redRow.getStyleClass()).contains("chosen");
        assertThat(maps.threads).hasSize(1); // one run of the model for the photo, maps of two classes
    }

    @Test
    void aPhotoShownAgainComesFromTheCache(FxRobot robot) throws Exception {
        Path first = TestImages.png(tmp.resolve("first.png"), Color.BLUE, 64, 3);
        Path second = TestImages.png(tmp.resolve("second.png"), Color.RED, 64, 4);
        show(robot, first);
        robot.clickOn("#heatmap-toggle");
        waitFor(() -> caption(robot).startsWith("Where it saw blue"));
        show(robot, second);
        waitFor(() -> caption(robot).startsWith("Where it saw red"));
        assertThat(maps.threads).hasSize(2);

        show(robot, first);
        waitFor(() -> caption(robot).startsWith("Where it saw blue"));
        assertThat(hotAt(overlay(robot).getImage(), 2)).isTrue();
        assertThat(maps.threads).hasSize(2);
        assertThat(session.heatMaps()).isNotNull();
    }

    @Test
    void aBackboneWithoutFeatureMapsSaysSoInsteadOfAMap(FxRobot robot) throws Exception {
        maps.noMaps = true;
        show(robot, TestImages.png(tmp.resolve("vgg.png"), Color.GREEN, 64, 5));
        robot.clickOn("#heatmap-toggle");
        waitFor(() -> caption(robot).equals(FakeHeatMaps.NO_MAPS));
        assertThat(overlay(robot).getImage()).isNull();
        assertThat(shown(robot.lookup("#heatmap-caption").query())).isTrue();
    }

    private void show(FxRobot robot, Path photo) throws Exception {
        robot.interact(() -> pane.viewModel().classify(List.of(photo)));
        waitFor(() -> pane.viewModel().currentProperty().get() != null
                && pane.viewModel().currentProperty().get().file().equals(photo)
                && robot.lookup("#result-label").tryQuery().isPresent());
    }

    /** Whether the node and all its parents are visible. */
    static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static ImageView overlay(FxRobot robot) {
        return robot.lookup("#heatmap-overlay").queryAs(ImageView.class);
    }

    private static String caption(FxRobot robot) {
        return robot.lookup("#heatmap-caption").queryAs(Label.class).getText();
    }

    /** Whether the overlay is red and near opaque at class {@code cls}'s hot cell (the fake's maps). */
    static boolean hotAt(Image overlay, int cls) {
        double[] at = FakeHeatMaps.hotSpot(cls);
        int argb = overlay.getPixelReader().getArgb((int) (at[0] * overlay.getWidth()),
                (int) (at[1] * overlay.getHeight()));
        return (argb >>> 24) > 220 && ((argb >> 16) & 255) > 200 && ((argb >> 8) & 255) < 120;
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
