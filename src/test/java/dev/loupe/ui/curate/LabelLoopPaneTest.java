package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.dataset.edit.TestImages;
import dev.loupe.engine.inbox.Calibration;
import dev.loupe.engine.inbox.Inbox;
import dev.loupe.engine.inbox.InboxPhoto;
import dev.loupe.engine.inbox.Suggestion;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.StudioContext;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's keyboard loop in the real pane under headless Monocle, with real keys and real file moves; the model is
 * made up ({@link FakeSource}) so that its suggestions, and how a retrain changes them, are known.
 */
@ExtendWith(ApplicationExtension.class)
class LabelLoopPaneTest {

    @TempDir
    static Path tmp;
    private Path root;
    private CuratePane pane;
    private final FakeSource source = new FakeSource();
    private long now = 0;

    /** Margins before a retrain (p1 most uncertain) and after it (p6 most uncertain of those left). */
    private static final Map<String, Float> BEFORE = Map.of("p1.png", .05f, "p2.png", .1f, "p3.png", .2f,
            "p4.png", .3f, "p5.png", .4f, "p6.png", .5f);
    private static final Map<String, Float> AFTER = Map.of("p1.png", .5f, "p2.png", .5f, "p3.png", .4f,
            "p4.png", .3f, "p5.png", .2f, "p6.png", .1f);

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        root = TestImages.smallDataset(Files.createTempDirectory(tmp, "set"));
        for (int i = 1; i <= 6; i++) {
            TestImages.png(root.resolve("p" + i + ".png"), 60 + i);
        }
        DatasetSession session = DatasetSession.open(root, new SessionServices(JobExecutor.inline(),
                Platform::runLater, JobExecutor::inline));
        pane = new CuratePane(new StudioContext(session), AuditFeatures.none(), source, () -> now);
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1100, 700));
        stage.show();
    }

    @Test
    void enterAcceptsNumbersAssignSpaceSkipsDeleteTrashesCtrlZUndoesAndARetrainReordersWhatComesNext(FxRobot robot)
            throws Exception {
        robot.clickOn("#inbox-row");
        // The grid shows the inbox most uncertain first, each photo with its suggestion.
        waitFor(() -> gridPaths(robot).equals(List.of("p1.png", "p2.png", "p3.png", "p4.png", "p5.png", "p6.png")));
        waitFor(() -> robot.lookup(".suggestion-chip").queryAll().stream().anyMatch(n -> n.isVisible()
                && ((javafx.scene.control.Label) n).getText().equals("a 52%")));
        LabelLoop loop = pane.labelLoop();
        robot.interact(() -> loop.retrainEveryProperty().set(2));

        robot.clickOn("#label-start");
        waitFor(() -> "p1.png".equals(loop.currentProperty().get()));
        assertThat(text(robot, "#label-suggestion")).startsWith("a  ·  52%");
        assertThat(text(robot, "#label-left")).isEqualTo("6 photos left");

        robot.type(KeyCode.ENTER); // accept: p1 -> a
        waitFor(() -> Files.exists(root.resolve("a/p1.png")));
        assertThat(loop.currentProperty().get()).isEqualTo("p2.png");
        assertThat(text(robot, "#label-counter")).isEqualTo("1 labelled this session");

        now = 30_000;
        robot.type(KeyCode.DIGIT2); // assign by number: p2 -> b, the second label: the model retrains
        waitFor(() -> Files.exists(root.resolve("b/p2.png")));
        waitFor(() -> source.retrains.get() == 1 && source.loads.get() >= 2);
        // The photo shown stays; the ones after it take the new model's order.
        waitFor(() -> loop.queue().equals(List.of("p3.png", "p6.png", "p5.png", "p4.png")));
        assertThat(loop.currentProperty().get()).isEqualTo("p3.png");
        assertThat(text(robot, "#label-counter")).isEqualTo("2 labelled this session · 2 per minute");

        robot.type(KeyCode.SPACE); // skip: p3 goes to the end
        waitFor(() -> "p6.png".equals(loop.currentProperty().get()));
        assertThat(loop.queue()).containsExactly("p6.png", "p5.png", "p4.png", "p3.png");

        robot.type(KeyCode.DELETE); // trash: p6
        waitFor(() -> !Files.exists(root.resolve("p6.png")));
        assertThat(loop.currentProperty().get()).isEqualTo("p5.png");
        assertThat(trashed()).singleElement().asString().startsWith(".loupe/trash/p6 ");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL); // undo the trash: p6 is back
        waitFor(() -> Files.exists(root.resolve("p6.png")) && "p6.png".equals(loop.currentProperty().get()));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL); // undo the skip
        waitFor(() -> "p3.png".equals(loop.currentProperty().get()));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL); // undo the label: p2 is back
        waitFor(() -> Files.exists(root.resolve("p2.png")) && "p2.png".equals(loop.currentProperty().get()));
        assertThat(root.resolve("b/p2.png")).doesNotExist();
        assertThat(text(robot, "#label-counter")).startsWith("1 labelled this session");

        // Type-to-find: "b" then Enter assigns b whatever the suggestion.
        robot.type(KeyCode.B);
        waitFor(() -> text(robot, "#label-find").equals("Find: b"));
        robot.type(KeyCode.ENTER);
        waitFor(() -> Files.exists(root.resolve("b/p2.png")));

        robot.type(KeyCode.ESCAPE); // back to the grid, which no longer holds what was labelled
        waitFor(() -> !loop.activeProperty().get() && gridPaths(robot).size() == 4);
        assertThat(gridPaths(robot)).doesNotContain("p1.png", "p2.png");
    }

    private List<String> trashed() throws Exception {
        try (var files = Files.walk(root.resolve(".loupe/trash"))) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> gridPaths(FxRobot robot) {
        return ((GridView<ImageEntry>) robot.lookup("#thumbnail-grid").queryAs(GridView.class)).getItems().stream()
                .map(ImageEntry::relativePath).toList();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Suggests class a or b for the inbox photos with the margins above; a retrain switches to the second set. */
    private static final class FakeSource implements InboxSource {
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger retrains = new AtomicInteger();

        @Override
        public Job<Inbox> load(Path dataset) {
            return m -> {
                loads.incrementAndGet();
                Map<String, Float> margins = retrains.get() == 0 ? BEFORE : AFTER;
                var s = new DatasetScanner().scan(dataset);
                List<InboxPhoto> photos = new ArrayList<>();
                for (String path : s.looseImages()) {
                    float margin = margins.get(path);
                    float top = (1 + margin) / 2;
                    boolean odd = (path.charAt(1) - '0') % 2 == 1;
                    float[] p = odd ? new float[] {top, 1 - top} : new float[] {1 - top, top};
                    photos.add(new InboxPhoto(path, dataset.resolve(path), path, new float[] {1, 0},
                            Suggestion.of(p, List.of("a", "b")), 0.9f, false));
                }
                return new Inbox(dataset, "fake", s.classes(), photos, List.of("a", "b"), "run-1", Calibration.NONE,
                        3, List.of());
            };
        }

        @Override
        public Job<RunRecord> retrain(Path dataset) {
            return m -> {
                retrains.incrementAndGet();
                return null;
            };
        }
    }
}
