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
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's bulk acceptance in the real pane under headless Monocle: the dialog's per-class counts and error rate
 * follow the threshold, Move moves the photos as one edit, and one Undo puts them all back in the inbox.
 */
@ExtendWith(ApplicationExtension.class)
class InboxBulkPaneTest {

    @TempDir
    static Path tmp;
    private Path root;
    private CuratePane pane;
    /** Whether the made-up source has a trained run; without one the inbox offers "Group similar". */
    private volatile boolean model = true;

    /** Suggested class and confidence per inbox photo. */
    private static final Map<String, Object[]> SUGGESTED = Map.of("p1.png", new Object[] {"a", .99f},
            "p2.png", new Object[] {"b", .97f}, "p3.png", new Object[] {"a", .96f}, "p4.png", new Object[] {"b", .9f},
            "p5.png", new Object[] {"a", .7f}, "p6.png", new Object[] {"b", .55f});
    /** Validation photos: at 95% and above, 1 of 3 wrong; at 90%, 1 of 4. */
    private static final Calibration VALIDATION = new Calibration(new float[] {.99f, .98f, .96f, .92f, .6f},
            new boolean[] {true, false, true, true, false});

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
        pane = new CuratePane(new StudioContext(session), AuditFeatures.none(), new Suggesting(), () -> 0);
        // The room the pane has in the studio's 1200x780 window beside its sidebar.
        stage.setScene(new Scene((javafx.scene.Parent) pane.view(), 1108, 700));
        stage.show();
    }

    @Test
    void theDialogShowsCountsAndErrorRateAtTheThresholdAndMovesThemAsOneUndoableEdit(FxRobot robot)
            throws Exception {
        robot.clickOn("#inbox-row");
        waitFor(() -> gridPaths(robot).size() == 6 && robot.lookup("#bulk-accept").query().isVisible());
        assertThat(cut()).as("controls whose text is cut in the inbox bar at 1200 px").isEmpty();
        robot.clickOn("#bulk-accept");
        waitFor(() -> robot.lookup("#bulk-dialog").tryQuery().isPresent());
        // At the default 95%: p1 and p3 to a, p2 to b; the validation split says 1 of 3 wrong.
        assertThat(counts(robot)).containsExactly("a", "2", "b", "1");
        assertThat(text(robot, "#bulk-error")).startsWith("Expected error rate: 33.3% (on the validation split, "
                + "1 of 3 photos at this confidence were wrong)");
        assertThat(text(robot, "#bulk-move")).isEqualTo("Move 3 photos");

        // 90% takes p4 too.
        @SuppressWarnings("unchecked")
        Spinner<Integer> percent = robot.lookup("#bulk-percent").queryAs(Spinner.class);
        robot.interact(() -> percent.getEditor().setText("90"));
        waitFor(() -> text(robot, "#bulk-move").equals("Move 4 photos"));
        assertThat(counts(robot)).containsExactly("a", "2", "b", "2");
        assertThat(text(robot, "#bulk-error")).startsWith("Expected error rate: 25.0% (on the validation split, "
                + "1 of 4 photos");

        robot.clickOn("#bulk-move");
        waitFor(() -> Files.exists(root.resolve("a/p1.png")) && Files.exists(root.resolve("b/p2.png"))
                && Files.exists(root.resolve("a/p3.png")) && Files.exists(root.resolve("b/p4.png")));
        waitFor(() -> gridPaths(robot).equals(List.of("p6.png", "p5.png")));
        assertThat(root.resolve("p5.png")).exists();

        // One Undo puts all four back in the inbox: the move was one edit.
        waitFor(() -> pane.editActions().canUndo().get());
        robot.interact(() -> pane.editActions().undo());
        waitFor(() -> List.of("p1.png", "p2.png", "p3.png", "p4.png").stream()
                .allMatch(p -> Files.exists(root.resolve(p))));
        assertThat(root.resolve("a/p1.png")).doesNotExist();
        assertThat(root.resolve("b/p4.png")).doesNotExist();
    }

    @Test
    void withoutAModelGroupSimilarLabelsWholeGroupsAsOneUndoableEdit(FxRobot robot) throws Exception {
        model = false;
        robot.clickOn("#inbox-row");
        waitFor(() -> gridPaths(robot).size() == 6 && robot.lookup("#group-similar").query().isVisible());
        assertThat(cut()).as("controls whose text is cut in the inbox bar at 1200 px").isEmpty();
        assertThat(robot.lookup("#bulk-accept").query().isVisible()).as("nothing to accept without a model").isFalse();
        robot.clickOn("#group-similar");
        waitFor(() -> robot.lookup("#group-dialog").tryQuery().isPresent());
        // Two classes, two groups: p1-p3 look alike, and so do p4-p6.
        assertThat(text(robot, "#group-count-0")).isEqualTo("Group 1 · 3 photos");
        assertThat(text(robot, "#group-count-1")).isEqualTo("Group 2 · 3 photos");
        assertThat(robot.lookup("#group-label").queryButton().isDisabled()).isTrue();
        @SuppressWarnings("unchecked")
        ComboBox<String> first = robot.lookup("#group-class-0").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> second = robot.lookup("#group-class-1").queryAs(ComboBox.class);
        assertThat(first.getItems()).containsExactly(GroupDialog.LEAVE, "a", "b");
        robot.interact(() -> {
            first.setValue("a");
            second.setValue("b");
        });
        assertThat(text(robot, "#group-label")).isEqualTo("Label 6 photos");
        robot.clickOn("#group-label");
        waitFor(() -> gridPaths(robot).isEmpty());
        // Each group went whole into its class: p1-p3 in one, p4-p6 in the other.
        String p1 = Files.exists(root.resolve("a/p1.png")) ? "a" : "b";
        String p4 = p1.equals("a") ? "b" : "a";
        for (int i = 1; i <= 6; i++) {
            assertThat(root.resolve((i <= 3 ? p1 : p4) + "/p" + i + ".png")).exists();
        }

        waitFor(() -> pane.editActions().canUndo().get());
        robot.interact(() -> pane.editActions().undo());
        waitFor(() -> gridPaths(robot).size() == 6);
        for (int i = 1; i <= 6; i++) {
            assertThat(root.resolve("p" + i + ".png")).exists();
        }
    }

    private List<?> cut() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> dev.loupe.testing.CutText.in((javafx.scene.Parent) pane.view()))
                .get();
    }

    private static List<String> counts(FxRobot robot) {
        GridPane grid = robot.lookup("#bulk-counts").queryAs(GridPane.class);
        List<String> out = new ArrayList<>();
        for (Node n : grid.getChildren()) {
            out.add(((Label) n).getText());
        }
        return out;
    }

    /** What the grid shows (the view model's list: an empty inbox shows its empty state instead of the grid). */
    private List<String> gridPaths(FxRobot robot) {
        return List.copyOf(pane.viewModel().images()).stream().map(ImageEntry::relativePath).toList();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A made-up model with the suggestions and validation figures above. */
    private final class Suggesting implements InboxSource {
        @Override
        public Job<Inbox> load(Path dataset) {
            return m -> {
                var s = new DatasetScanner().scan(dataset);
                List<InboxPhoto> photos = new ArrayList<>();
                for (String path : s.looseImages()) {
                    int n = path.charAt(1) - '0';
                    if (!model) {
                        // Two tight groups: p1-p3 along the first axis, p4-p6 along the second.
                        float[] f = n <= 3 ? new float[] {1, .05f * n} : new float[] {.05f * n, 1};
                        photos.add(new InboxPhoto(path, dataset.resolve(path), path, f, null, 0.9f, false));
                        continue;
                    }
                    Object[] sug = SUGGESTED.get(path);
                    float top = (float) sug[1];
                    float[] p = sug[0].equals("a") ? new float[] {top, 1 - top} : new float[] {1 - top, top};
                    photos.add(new InboxPhoto(path, dataset.resolve(path), path, new float[] {1, 0},
                            Suggestion.of(p, List.of("a", "b")), 0.9f, false));
                }
                return model ? new Inbox(dataset, "fake", s.classes(), photos, List.of("a", "b"), "run-1",
                        VALIDATION, 3, List.of())
                        : new Inbox(dataset, "fake", s.classes(), photos, List.of(), null, Calibration.NONE, 3,
                        List.of());
            };
        }

        @Override
        public Job<RunRecord> retrain(Path dataset) {
            return m -> null;
        }
    }
}
