package dev.loupe.ui.classify;

import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.StudioContext;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the inbox's photos are on the Classify map as unlabelled points among the labelled ones; a lasso round
 * them and "Move N images to class…" labels them (one undoable edit), as for labelled points.
 */
@ExtendWith(ApplicationExtension.class)
class ScatterInboxTest {

    @TempDir
    static Path tmp;
    private ClassifyPane pane;
    private Path root;

    @Start
    void start(Stage stage) throws Exception {
        root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 6, Color.RED, Color.GREEN, Color.BLUE);
        // Three unlabelled photos of a colour no class has: a group of their own on the map.
        for (int i = 0; i < 3; i++) {
            TestImages.png(root.resolve("new" + i + ".png"), Color.MAGENTA, 32, 900 + i);
        }
        DatasetSession session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(),
                javafx.application.Platform::runLater, JobExecutor::inline));
        session.classifyModelProperty().set(Files.writeString(tmp.resolve("colours.loupe"), "fake"));
        pane = new ClassifyPane(new StudioContext(session), new FakeBackend());
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1108, 700));
        stage.show();
    }

    @Test
    void inboxPhotosAreUnlabelledPointsThatALassoLabels(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().scatterProperty().get() != null
                && pane.viewModel().scatterProperty().get().layout().finished());
        WaitForAsyncUtils.waitForFxEvents();
        ScatterData d = pane.viewModel().scatterProperty().get();
        int inbox = d.classes().indexOf(DatasetSnapshot.INBOX);
        assertThat(inbox).as("the inbox is on the map").isNotNegative();
        List<Integer> unlabelled = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (d.classOf()[i] == inbox) {
                unlabelled.add(i);
                assertThat(d.files().get(i).getParent()).isEqualTo(root);
            }
        }
        assertThat(unlabelled).hasSize(3);
        assertThat(d.size()).isEqualTo(21);
        assertThat(robot.lookup(".legend-item").queryAllAs(javafx.scene.control.Label.class))
                .extracting(javafx.scene.control.Label::getText).contains("inbox (no label)", "red");
        // The Move menu offers the classes, never the inbox.
        assertThat(pane.viewModel().classes()).containsExactly("blue", "green", "red");

        // A lasso round the three unlabelled points (the box round them, 8 px wider), and nothing else.
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        robot.interact(() -> {
            for (int i : unlabelled) {
                Point2D p = pane.scatterView().screenPositionOf(i);
                box[0] = Math.min(box[0], p.getX() - 8);
                box[1] = Math.min(box[1], p.getY() - 8);
                box[2] = Math.max(box[2], p.getX() + 8);
                box[3] = Math.max(box[3], p.getY() + 8);
            }
        });
        robot.moveTo(new Point2D(box[0], box[1])).press(KeyCode.SHIFT).press(MouseButton.PRIMARY)
                .moveTo(new Point2D(box[2], box[1])).moveTo(new Point2D(box[2], box[3]))
                .moveTo(new Point2D(box[0], box[3])).moveTo(new Point2D(box[0], box[1] + 1))
                .release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.viewModel().relabeller().selectionProperty().get()).containsExactlyInAnyOrder(
                unlabelled.stream().mapToInt(Integer::intValue).toArray());
        MenuButton move = robot.lookup("#move-selected").queryAs(MenuButton.class);
        assertThat(move.getText()).isEqualTo("Move 3 images to class…");
        robot.clickOn(move); // its items are made as it opens
        robot.interact(() -> move.getItems().stream().filter(i -> i.getText().equals("red")).findFirst()
                .orElseThrow().fire());
        robot.interact(move::hide);
        int red = d.classes().indexOf("red");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> unlabelled.stream().allMatch(i ->
                pane.viewModel().scatterProperty().get().classOf()[i] == red));
        for (int i = 0; i < 3; i++) {
            assertThat(root.resolve("new" + i + ".png")).doesNotExist();
            assertThat(root.resolve("red/new" + i + ".png")).exists();
        }

        // One Undo: back in the inbox, and unlabelled on the map again.
        robot.interact(() -> pane.editActions().undo());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(root.resolve("new0.png"))
                && Files.exists(root.resolve("new1.png")) && Files.exists(root.resolve("new2.png")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> unlabelled.stream().allMatch(i ->
                pane.viewModel().scatterProperty().get().classOf()[i] == inbox));
    }
}
