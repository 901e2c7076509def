package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.FakeHeatMaps;
import dev.loupe.ui.common.SessionServices;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
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
 * "Show what it looked at" in Curate's preview: the map of the photo's most probable class under the session's model,
 * computed off the FX thread and laid over the photo; walking to the next photo shows its map.
 */
@ExtendWith(ApplicationExtension.class)
class PreviewHeatMapTest {

    @TempDir
    static Path tmp;
    private final FakeHeatMaps maps = new FakeHeatMaps();
    private DatasetSession session;
    private Label owner;

    @Start
    void start(Stage stage) throws Exception {
        Path root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 2, Color.RED, Color.BLUE);
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), Platform::runLater,
                JobExecutor::background).withHeatMaps(() -> maps));
        session.classifyModelProperty().set(Files.writeString(tmp.resolve("colours.loupe"), "fake"));
        owner = new Label("grid");
        stage.setScene(new Scene(new StackPane(owner), 300, 200));
        stage.show();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void thePreviewShowsTheMapOfThePhotosClass(FxRobot robot) throws Exception {
        Path red = session.root().resolve("red");
        Path blue = session.root().resolve("blue");
        List<ImageEntry> images;
        try (var files = Files.list(red); var more = Files.list(blue)) {
            images = java.util.stream.Stream.concat(files.sorted().limit(1), more.sorted().limit(1))
                    .map(f -> new ImageEntry(f, session.root().relativize(f).toString(), f.getParent()
                            .getFileName().toString())).toList();
        }
        robot.interact(() -> PreviewWindow.show(owner, images, images.get(0), session.heatMaps(),
                session.classifyModelProperty()::get));
        robot.clickOn("#heatmap-toggle");
        waitFor(() -> caption(robot).startsWith("Where it saw red"));
        assertThat(robot.lookup("#heatmap-overlay").queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(maps.threads).hasSize(1).allSatisfy(t -> assertThat(t.getName()).isEqualTo("loupe-jobs"));

        robot.type(javafx.scene.input.KeyCode.RIGHT);
        waitFor(() -> caption(robot).startsWith("Where it saw blue"));
        assertThat(maps.threads).hasSize(2);
    }

    private static String caption(FxRobot robot) {
        return robot.lookup("#heatmap-caption").queryAs(Label.class).getText();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
