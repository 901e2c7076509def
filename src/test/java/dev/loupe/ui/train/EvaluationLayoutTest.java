package dev.loupe.ui.train;

import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.Evaluator;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.CutText;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.StudioContext;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation of a 30-class run at the studio's default size, 1200x780 (issue 17): every class named in full on
 * both axes of the matrix, counts and shares in its cells, every column of the per-class table whole, and the
 * reliability diagram within the pane's width (reached by scrolling down, never off to the right).
 */
@ExtendWith(ApplicationExtension.class)
class EvaluationLayoutTest {

    @TempDir
    static Path tmp;
    private JobExecutor jobs;
    private TrainPane pane;
    private Parent view;

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        Path root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 2, Color.RED, Color.GREEN);
        jobs = JobExecutor.background();
        pane = new TrainPane(new StudioContext(DatasetSession.open(root, new SessionServices(jobs, Platform::runLater,
                JobExecutor::inline))), FakeTraining.services());
        view = (Parent) pane.view();
        stage.setScene(new Scene(view, 1200, 780));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        jobs.close();
    }

    @Test
    void thirtyClassesAreLegibleAtTheDefaultSize(FxRobot robot) throws Exception {
        List<String> labels = IntStream.range(0, 30).mapToObj(i -> NAMES[i % 10] + " (" + TINTS[i / 10] + ")")
                .toList();
        robot.interact(() -> pane.viewModel().evaluation().show(report(labels)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.layout());

        assertThat(WaitForAsyncUtils.asyncFx(() -> CutText.in(view)).get()).as("controls whose text is cut").isEmpty();
        Node matrix = robot.lookup("#confusion-matrix").query();
        Set<String> named = robot.lookup(n -> n instanceof Labeled && isInside(n, matrix)).queryAll().stream()
                .map(n -> ((Labeled) n).getText()).collect(Collectors.toSet());
        assertThat(named).as("each class named in full on the matrix").containsAll(labels);
        assertThat(robot.lookup("#cm-0-0").queryLabeled().getText()).isEqualTo("3\n75%");
        assertThat(robot.lookup("#cm-0-1").queryLabeled().getText()).isEqualTo("1\n25%");

        TableView<?> table = robot.lookup("#class-metrics").queryAs(TableView.class);
        for (TableColumn<?, ?> c : table.getColumns()) {
            assertThat(c.getWidth()).as("column %s", c.getText()).isGreaterThanOrEqualTo(textWidth(c.getText()) + 16);
        }
        double columns = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertThat(table.getWidth()).as("the table shows every column").isGreaterThanOrEqualTo(columns);
        assertThat(table.getHeight()).as("the table shows its rows, not 20 px of them")
                .isGreaterThanOrEqualTo(ClassMetricsTable.MAX_ROWS * 28.0);

        ScrollPane page = (ScrollPane) robot.lookup(n -> n instanceof ScrollPane && isInside(
                robot.lookup("#evaluation").query(), n)).queryAll().stream().reduce((a, b) -> b).orElseThrow();
        Node reliability = robot.lookup("#ece").query().getParent();
        Bounds r = reliability.localToScene(reliability.getBoundsInLocal());
        Bounds viewport = page.localToScene(page.getBoundsInLocal());
        assertThat(r.getMaxX()).as("the reliability diagram within the pane's width").isLessThanOrEqualTo(
                viewport.getMaxX());
        Node matrixScroll = robot.lookup("#confusion-scroll").query();
        Bounds m = matrixScroll.localToScene(matrixScroll.getBoundsInLocal());
        assertThat(m.getMaxX()).as("the matrix scrolls within the pane").isLessThanOrEqualTo(viewport.getMaxX() + 1);
    }

    private static final String[] NAMES = {"T-shirt top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};
    private static final String[] TINTS = {"red", "green", "blue"};

    /** Four validation images a class: three right, one taken for the next class. */
    private static EvaluationReport report(List<String> labels) {
        List<float[]> probabilities = new ArrayList<>();
        List<Integer> actual = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            for (int i = 0; i < 4; i++) {
                float[] p = new float[labels.size()];
                p[i < 3 ? c : (c + 1) % labels.size()] = 0.9f;
                p[i < 3 ? (c + 1) % labels.size() : c] = 0.1f;
                probabilities.add(p);
                actual.add(c);
                paths.add(labels.get(c) + "/" + i + ".png");
            }
        }
        return Evaluator.evaluate(labels, probabilities.toArray(float[][]::new),
                actual.stream().mapToInt(Integer::intValue).toArray(), paths);
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static double textWidth(String s) {
        return new Text(s).getLayoutBounds().getWidth();
    }
}
