package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.edit.TestImages;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The real pane under headless Monocle; drags are DragEvents carrying a mocked Dragboard (no OS drag here). */
@ExtendWith(ApplicationExtension.class)
class CuratePaneTest {

    @TempDir
    static Path tmp;
    private Path root;
    private DatasetSession session;
    private CuratePane pane;

    @Start
    void start(Stage stage) throws Exception {
        // The studio's theme: curate.css uses its looked-up colours.
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        root = TestImages.smallDataset(Files.createTempDirectory(tmp, "set"));
        session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(), Platform::runLater,
                JobExecutor::inline));
        pane = new CuratePane(new StudioContext(session), AuditFeatures.none());
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1000, 700));
        stage.show();
    }

    @Test
    void dropFilesOnAClassThenDragAThumbnailToAnotherClassThenUndo(FxRobot robot) throws Exception {
        waitFor(() -> grid(robot).getItems().size() == 2);
        Path photo = TestImages.png(tmp.resolve("photo.png"), 77);
        Path text = Files.writeString(tmp.resolve("notes.txt"), "x");

        Dragboard files = mock(Dragboard.class);
        when(files.hasFiles()).thenReturn(true);
        when(files.getFiles()).thenReturn(List.of(photo.toFile(), text.toFile()));
        when(files.hasContent(any(DataFormat.class))).thenReturn(false);
        drop(robot, classCell(robot, "a"), files, TransferMode.COPY);

        waitFor(() -> grid(robot).getItems().size() == 3);
        assertThat(root.resolve("a/photo.png")).exists();
        assertThat(photo).exists();
        assertThat(robot.lookup("#curate-message").queryLabeled().getText()).contains("skipped 1: notes.txt");

        Dragboard thumbs = mock(Dragboard.class);
        when(thumbs.hasContent(DragFormats.IMAGES)).thenReturn(true);
        when(thumbs.getContent(DragFormats.IMAGES)).thenReturn("a/1.png");
        drop(robot, classCell(robot, "b"), thumbs, TransferMode.MOVE);

        waitFor(() -> grid(robot).getItems().size() == 2);
        assertThat(root.resolve("a/1.png")).doesNotExist();
        assertThat(root.resolve("b/1.png")).exists();

        robot.interact(() -> pane.editActions().undo());
        waitFor(() -> grid(robot).getItems().size() == 3);
        assertThat(root.resolve("a/1.png")).exists();
        assertThat(root.resolve("b/1.png")).doesNotExist();
    }

    @Test
    void clickSelectsAndDeleteSendsToTheTrash(FxRobot robot) throws Exception {
        waitFor(() -> grid(robot).getItems().size() == 2);
        robot.clickOn(robot.lookup(".thumbnail-cell").nth(0).queryAs(Node.class));
        waitFor(() -> pane.viewModel().selection().size() == 1);
        assertThat(robot.lookup("#curate-selection").queryLabeled().getText()).isEqualTo("1 of 2 selected");
        robot.interact(() -> pane.editActions().delete());
        waitFor(() -> grid(robot).getItems().size() == 1);
        assertThat(root.resolve("a/1.png")).doesNotExist();
        try (var trash = Files.walk(root.resolve(".loupe/trash"))) {
            assertThat(trash.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).singleElement()
                    .asString().startsWith("1 ");
        }
    }

    @Test
    void anEditMadeInAnotherPaneShowsWhenCurateIsShownAgain(FxRobot robot) throws Exception {
        waitFor(() -> grid(robot).getItems().size() == 2);
        Scene scene = grid(robot).getScene();
        javafx.scene.Parent curate = scene.getRoot();
        robot.interact(() -> scene.setRoot(new javafx.scene.layout.StackPane())); // the studio shows another pane
        session.editor().moveImages(List.of("a/1.png"), "b"); // e.g. a lasso relabel in Classify
        robot.interact(() -> scene.setRoot(curate));

        waitFor(() -> grid(robot).getItems().size() == 1 && pane.editActions().canUndo().get());
        robot.interact(() -> pane.editActions().undo());
        waitFor(() -> grid(robot).getItems().size() == 2);
        assertThat(root.resolve("a/1.png")).exists();
    }

    /** Issue 17: relabelling needed the mouse; right-click › Move to, and the preview's real size and arrows. */
    @Test
    void rightClickMovesToAClassAndThePreviewWalksTheClassAtRealSize(FxRobot robot) throws Exception {
        waitFor(() -> grid(robot).getItems().size() == 2);
        robot.clickOn(robot.lookup(".thumbnail-cell").nth(0).queryAs(Node.class));
        robot.type(KeyCode.ENTER);
        waitFor(() -> caption(robot).endsWith(" px"));
        assertThat(caption(robot)).isEqualTo("a/1.png   ·   1 of 2   ·   40 × 40 px");
        robot.type(KeyCode.RIGHT);
        waitFor(() -> caption(robot).startsWith("a/2.png   ·   2 of 2"));
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> robot.lookup("#preview-caption").tryQuery().isEmpty());

        // The menu a right-click opens (Monocle sends no context-menu request): Move to › b.
        robot.interact(() -> {
            pane.viewModel().click("a/1.png", false, false);
            javafx.scene.control.Menu moveTo = (javafx.scene.control.Menu) ThumbnailMenu.of(pane.viewModel(),
                    pane.viewModel().images().get(0)).getItems().get(0);
            assertThat(moveTo.getItems()).extracting(javafx.scene.control.MenuItem::getText).containsExactly("b");
            moveTo.getItems().get(0).fire();
        });
        waitFor(() -> grid(robot).getItems().size() == 1);
        assertThat(root.resolve("b/1.png")).exists();
    }

    /** Issue 19: the inbox sits above the classes with its count; files dropped on it are copied in, undoably. */
    @Test
    void filesDroppedOnTheInboxWaitThereAndUndoTakesThemBack(FxRobot robot) throws Exception {
        waitFor(() -> grid(robot).getItems().size() == 2);
        assertThat(robot.lookup("#inbox-count").queryLabeled().getText()).isEqualTo("0");
        Path folder = Files.createDirectories(tmp.resolve("unsorted"));
        TestImages.png(folder.resolve("x.png"), 91);
        TestImages.png(folder.resolve("y.png"), 92);
        Dragboard files = mock(Dragboard.class);
        when(files.hasFiles()).thenReturn(true);
        when(files.getFiles()).thenReturn(List.of(folder.toFile()));
        drop(robot, robot.lookup("#inbox-row").query(), files, TransferMode.COPY);

        waitFor(() -> robot.lookup("#inbox-count").queryLabeled().getText().equals("2"));
        assertThat(root.resolve("x.png")).exists();
        assertThat(folder.resolve("x.png")).as("copied, not moved").exists();
        robot.clickOn("#inbox-row");
        waitFor(() -> pane.viewModel().inboxShownProperty().get() && grid(robot).getItems().size() == 2);
        assertThat(robot.lookup("#class-list").queryListView().getSelectionModel().getSelectedItem()).isNull();
        assertThat(robot.lookup("#inbox-hint").queryLabeled().getText()).startsWith("2 photos wait for a label");

        robot.interact(() -> pane.editActions().undo());
        waitFor(() -> robot.lookup("#inbox-count").queryLabeled().getText().equals("0"));
        assertThat(root.resolve("x.png")).doesNotExist();
        robot.clickOn(classCell(robot, "b"));
        waitFor(() -> !pane.viewModel().inboxShownProperty().get() && grid(robot).getItems().size() == 1);
    }

    private static String caption(FxRobot robot) {
        return robot.lookup("#preview-caption").tryQuery().map(n -> ((javafx.scene.control.Label) n).getText())
                .orElse("");
    }

    private static void drop(FxRobot robot, Node target, Dragboard board, TransferMode mode) {
        robot.interact(() -> Event.fireEvent(target, new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10,
                mode, null, target, null)));
    }

    @SuppressWarnings("unchecked")
    private static GridView<ImageEntry> grid(FxRobot robot) {
        return robot.lookup("#thumbnail-grid").queryAs(GridView.class);
    }

    private static Node classCell(FxRobot robot, String name) {
        return robot.lookup("#class-" + name).queryAs(ListCell.class);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
