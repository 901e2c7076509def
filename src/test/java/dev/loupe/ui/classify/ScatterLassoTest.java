package dev.loupe.ui.classify;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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

/** Shift+drag a lasso round one point on the real map, move it to another class from the menu, then Edit > Undo. */
@ExtendWith(ApplicationExtension.class)
class ScatterLassoTest {

    @TempDir
    static Path tmp;
    private DatasetSession session;
    private ClassifyPane pane;
    private Path root;

    @Start
    void start(Stage stage) throws Exception {
        root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 6, Color.RED, Color.GREEN, Color.BLUE);
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), javafx.application.Platform::runLater,
                JobExecutor::inline));
        session.classifyModelProperty().set(Files.writeString(tmp.resolve("colours.loupe"), "fake"));
        pane = new ClassifyPane(new StudioContext(session), new FakeBackend());
        // The room the pane has in the studio's 1200x780 window beside its sidebar.
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1108, 700));
        stage.show();
    }

    @Test
    void lassoedPointsMoveToTheChosenClassAndUndoPutsThemBack(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().scatterProperty().get() != null
                && pane.viewModel().scatterProperty().get().layout().finished()
                && pane.viewModel().classes().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        ScatterData d = pane.viewModel().scatterProperty().get();
        int target = d.classes().indexOf("blue") == d.classOf()[0] ? d.classes().indexOf("red")
                : d.classes().indexOf("blue");
        String targetName = d.classes().get(target);
        Path file = d.files().get(0);
        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = pane.scatterView().screenPositionOf(0));

        // A small square lasso round point 0 (the fake map spreads 18 points over 800 px, so it is alone).
        robot.moveTo(p[0].add(-6, -6)).press(KeyCode.SHIFT).press(MouseButton.PRIMARY)
                .moveTo(p[0].add(6, -6)).moveTo(p[0].add(6, 6)).moveTo(p[0].add(-6, 6)).moveTo(p[0].add(-6, -5))
                .release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.viewModel().relabeller().selectionProperty().get()).containsExactly(0);
        MenuButton move = robot.lookup("#move-selected").queryAs(MenuButton.class);
        assertThat(move.isVisible()).isTrue();
        assertThat(move.getText()).isEqualTo("Move 1 image to class…");
        // The button and the map's hint (Shift+drag to lasso) both whole at the studio's size: the hint used to be cut
        // in the bar and squeezed the button to "Mo…".
        assertThat(WaitForAsyncUtils.asyncFx(() -> dev.loupe.testing.CutText.in((javafx.scene.Parent) pane.view()))
                .get()).as("controls whose text is cut").isEmpty();

        robot.clickOn(move);
        // The legend also says the class name, so pick the menu's own item rather than clicking on text.
        assertThat(move.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .containsExactlyElementsOf(pane.viewModel().classes());
        robot.interact(() -> move.getItems().stream().filter(i -> i.getText().equals(targetName)).findFirst()
                .orElseThrow().fire());
        robot.interact(move::hide);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> pane.viewModel().scatterProperty().get()
                .classOf()[0] == target);
        assertThat(file).doesNotExist();
        assertThat(root.resolve(targetName).resolve(file.getFileName())).exists();
        assertThat(move.isVisible()).isFalse();

        robot.interact(() -> pane.editActions().undo());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(file));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> pane.viewModel().scatterProperty().get()
                .classOf()[0] == d.classOf()[0]);
    }
}
