package dev.loupe.ui.classify;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real map under headless Monocle: the mouse moves over a known point and its thumbnail appears. */
@ExtendWith(ApplicationExtension.class)
class ScatterHoverTest {

    @TempDir
    static Path tmp;
    private DatasetSession session;
    private ClassifyPane pane;

    @Start
    void start(Stage stage) throws Exception {
        Path root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 6, Color.RED, Color.GREEN, Color.BLUE);
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(),
                javafx.application.Platform::runLater, JobExecutor::inline));
        session.classifyModelProperty().set(Files.writeString(tmp.resolve("colours.loupe"), "fake"));
        pane = new ClassifyPane(new StudioContext(session), new FakeBackend());
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1200, 800));
        stage.show();
    }

    @Test
    void hoveringAPointShowsItsThumbnail(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().scatterProperty().get() != null
                && pane.viewModel().scatterProperty().get().layout().finished());
        WaitForAsyncUtils.waitForFxEvents();
        ScatterData d = pane.viewModel().scatterProperty().get();

        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = pane.scatterView().screenPositionOf(0));
        robot.moveTo(p[0].add(-20, -20)).moveTo(p[0]);

        Node hover = robot.lookup(".scatter-hover").query();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, hover::isVisible);
        ImageView thumb = (ImageView) ((javafx.scene.layout.VBox) hover).getChildren().get(0);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> thumb.getImage() != null
                && thumb.getImage().getProgress() >= 1);
        assertThat(thumb.getImage().isError()).as("thumbnail load error: %s", thumb.getImage().getException())
                .isFalse();
        assertThat(thumb.getImage().getWidth()).isPositive();
        assertThat(thumb.getBoundsInParent().getWidth()).isPositive();
        assertThat(hover.localToScreen(hover.getBoundsInLocal()).getWidth()).isGreaterThan(50);
        assertThat(((Label) ((javafx.scene.layout.VBox) hover).getChildren().get(1)).getText())
                .endsWith(d.files().get(0).getFileName().toString());
        // One thumbnail service for the studio: the card shows the image its cache holds, not a decode of its own.
        assertThat(thumb.getImage()).isSameAs(session.thumbnails().cached(d.files().get(0)));
        // The card sits beside the point, never over it (near an edge it flips to the other side).
        assertThat(hover.localToScreen(hover.getBoundsInLocal()).contains(p[0])).isFalse();

        // Moving within the same point must not restart the load, or a moving mouse never sees the thumbnail.
        javafx.scene.image.Image loaded = thumb.getImage();
        robot.moveTo(p[0].add(2, 1)).moveTo(p[0].add(-1, 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hover.isVisible()).isTrue();
        assertThat(thumb.getImage()).isSameAs(loaded);
    }
}
