package dev.loupe.ui.classify;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The real pane under headless Monocle with a DL4J-free backend; the drop is a DragEvent with a mocked Dragboard. */
@ExtendWith(ApplicationExtension.class)
class ClassifyPaneTest {

    @TempDir
    static Path tmp;
    private DatasetSession session;
    private ClassifyPane pane;
    private Path root;

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 6, Color.RED, Color.GREEN, Color.BLUE);
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), javafx.application.Platform::runLater,
                JobExecutor::inline));
        session.classifyModelProperty().set(Files.writeString(tmp.resolve("colours.loupe"), "fake"));
        pane = new ClassifyPane(new StudioContext(session), new FakeBackend());
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1200, 800));
        stage.show();
    }

    @Test
    void droppingAPhotoShowsItsLabelsAndSimilarImages(FxRobot robot) throws Exception {
        waitFor(() -> pane.viewModel().scatterProperty().get() != null
                && pane.viewModel().scatterProperty().get().layout().finished());
        Path photo = TestImages.png(tmp.resolve("photo.png"), Color.GREEN, 32, 123);
        Dragboard board = mock(Dragboard.class);
        when(board.hasFiles()).thenReturn(true);
        when(board.getFiles()).thenReturn(List.of(photo.toFile()));
        Node target = robot.lookup("#pane-classify").query();
        robot.interact(() -> {
            Event.fireEvent(target, drag(DragEvent.DRAG_OVER, board));
            Event.fireEvent(target, drag(DragEvent.DRAG_DROPPED, board));
        });

        waitFor(() -> robot.lookup("#result-label").tryQuery().isPresent());
        assertThat(robot.lookup("#result-label").queryAs(Label.class).getText()).startsWith("green");
        assertThat(robot.lookup(".score-row").queryAll()).hasSize(3);
        HBox strip = robot.lookup("#similar-strip").queryAs(HBox.class);
        assertThat(strip.getChildren()).hasSize(ClassifyViewModel.NEIGHBOURS);
        assertThat(robot.lookup(".similar-label").queryAllAs(Label.class))
                .extracting(Label::getText).contains("green");
        assertThat(robot.lookup("#low-confidence").tryQuery()).isEmpty(); // 2/3 of the mean colour is green
        assertThat(robot.lookup("#classify-message").queryAs(Label.class).getText()).isEqualTo("1 image classified");
        assertThat(pane.viewModel().currentProperty().get().placement()).isNotNull();
    }

    @Test
    void editUndoAndRedoTakeBackAndRedoAnAddToClass(FxRobot robot) throws Exception {
        waitFor(() -> pane.viewModel().scatterProperty().get() != null);
        Path photo = TestImages.png(tmp.resolve("redo-photo.png"), Color.RED, 32, 321);
        robot.interact(() -> pane.viewModel().classify(List.of(photo)));
        waitFor(() -> pane.viewModel().currentProperty().get() != null);
        EditActions edit = pane.editActions(); // what the studio's Edit menu binds to and calls
        assertThat(edit.canUndo().get()).isFalse();
        assertThat(edit.canRedo().get()).isFalse();

        robot.interact(() -> pane.viewModel().addToClass(pane.viewModel().currentProperty().get(), "red"));
        Path added = root.resolve("red/redo-photo.png");
        waitFor(() -> Files.exists(added) && edit.canUndo().get());

        robot.interact(edit::undo);
        waitFor(() -> !Files.exists(added) && edit.canRedo().get());
        assertThat(edit.canUndo().get()).isFalse();

        robot.interact(edit::redo);
        waitFor(() -> Files.exists(added) && edit.canUndo().get() && !edit.canRedo().get());
        assertThat(robot.lookup("#classify-message").queryAs(Label.class).getText()).startsWith("Redid: ");
    }

    private static DragEvent drag(javafx.event.EventType<DragEvent> type, Dragboard board) {
        return new DragEvent(type, board, 100, 100, 100, 100, TransferMode.COPY, null, null, null);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
