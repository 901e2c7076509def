package dev.loupe.ui.train;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.FakeHeatMaps;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.StudioContext;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
 * "Show what it looked at" in Train: for the clicked image of a confusion-matrix cell, the maps of the class the run
 * predicted and of the class it is labelled with, side by side, computed off the FX thread with the shown run's
 * model. Blue photos labelled red on the fake colour backbone make the cell; the fake heat maps put blue's peak in the
 * bottom-right cell and red's in the top-left one.
 */
@ExtendWith(ApplicationExtension.class)
class TrainHeatMapTest {

    @TempDir
    static Path tmp;
    private final FakeHeatMaps maps = new FakeHeatMaps();
    private final java.util.List<Path> models = new java.util.concurrent.CopyOnWriteArrayList<>();
    private JobExecutor jobs;
    private DatasetSession session;
    private TrainPane pane;
    private Path root;

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 8, Color.RED, Color.GREEN, Color.BLUE);
        for (int i = 0; i < 8; i++) {
            TestImages.png(root.resolve("red/odd" + i + ".png"), Color.BLUE, 32, 99 + i);
        }
        jobs = JobExecutor.background();
        session = DatasetSession.open(root, new SessionServices(jobs, Platform::runLater, JobExecutor::background)
                .withHeatMaps(() -> new dev.loupe.ui.common.HeatMapBackend() {
                    @Override
                    public Explained explain(Path model, Path image) throws Exception {
                        models.add(model);
                        return maps.explain(model, image);
                    }

                    @Override
                    public void close() {
                    }
                }));
        pane = new TrainPane(new StudioContext(session), FakeTraining.services());
        pane.viewModel().settings().epochsProperty().set(30);
        stage.setScene(new Scene((Parent) pane.view(), 1200, 780));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        jobs.close();
    }

    @Test
    void theMapsOfThePredictedAndTheLabelledClassShowSideBySide(FxRobot robot) throws Exception {
        robot.interact(() -> pane.viewModel().retrain());
        waitFor(() -> pane.viewModel().evaluation().reportProperty().get() != null);
        robot.interact(() -> pane.viewModel().evaluation().showCell("red", "blue"));
        assertThat(pane.viewModel().evaluation().cellImages()).as("blue photos labelled red").isNotEmpty();
        assertThat(robot.lookup("#mistake-maps").query().isVisible()).isFalse();

        scrollDown(robot);
        robot.clickOn("#heatmap-toggle");
        waitFor(() -> robot.lookup("#heatmap-overlay").queryAllAs(ImageView.class).stream()
                .allMatch(v -> v.getImage() != null));
        List<ImageView> overlays = List.copyOf(robot.lookup("#heatmap-overlay").queryAllAs(ImageView.class));
        assertThat(overlays).hasSize(2);
        assertThat(robot.lookup("#heatmap-predicted").queryAs(Label.class).getText()).contains("blue");
        assertThat(robot.lookup("#heatmap-actual").queryAs(Label.class).getText()).contains("red");
        List<String> captions = robot.lookup("#heatmap-caption").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertThat(captions).anySatisfy(c -> assertThat(c).startsWith("Where it saw blue"))
                .anySatisfy(c -> assertThat(c).startsWith("Where it saw red"));
        Image predicted = overlayBeside(robot, "#heatmap-predicted");
        Image actual = overlayBeside(robot, "#heatmap-actual");
        assertThat(hotAt(predicted, 2)).isTrue();
        assertThat(hotAt(actual, 0)).isTrue();
        // One run of the shown run's model for the photo, off the FX thread; two classes' maps from it.
        assertThat(maps.threads).hasSize(1).allSatisfy(t -> assertThat(t.getName()).isEqualTo("loupe-jobs"));
        String id = pane.viewModel().shownRunProperty().get().id();
        assertThat(models).containsOnly(session.runs().modelPath(id));

        // Another tile: its maps, from one more run of the model.
        if (pane.viewModel().evaluation().cellImages().size() > 1) {
            scrollDown(robot);
            robot.clickOn(robot.lookup(".misclassified-tile").nth(1).queryAs(javafx.scene.Node.class));
            waitFor(() -> maps.threads.size() == 2 && overlayBeside(robot, "#heatmap-actual") != null
                    && overlayBeside(robot, "#heatmap-predicted") != null);
            assertThat(robot.lookup(".misclassified-tile").nth(1).query().getStyleClass()).contains("chosen");
        }
    }

    /** Scrolls the pane's centre to its foot, where the misclassified images and their maps are. */
    private static void scrollDown(FxRobot robot) {
        javafx.scene.Node n = robot.lookup("#misclassified").query();
        while (!(n instanceof javafx.scene.control.ScrollPane s && s.getContent().lookup("#evaluation") != null)) {
            n = n.getParent();
        }
        javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) n;
        robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The overlay in the same column as the title {@code id}. */
    private static Image overlayBeside(FxRobot robot, String id) {
        Parent column = robot.lookup(id).query().getParent();
        return robot.from(column).lookup("#heatmap-overlay").queryAs(ImageView.class).getImage();
    }

    private static boolean hotAt(Image overlay, int cls) {
        double[] at = FakeHeatMaps.hotSpot(cls);
        int argb = overlay.getPixelReader().getArgb((int) (at[0] * overlay.getWidth()),
                (int) (at[1] * overlay.getHeight()));
        return (argb >>> 24) > 220 && ((argb >> 16) & 255) > 200 && ((argb >> 8) & 255) < 120;
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition); // a retrain, on a loaded machine
        WaitForAsyncUtils.waitForFxEvents();
    }
}
