package dev.loupe.ui.train;

import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.ThumbnailService;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
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
 * The real pane under headless Monocle, training on the fake colour backbone on the background queue. The scene stays
 * within Monocle's 1280x800 screen: a larger one makes its painter overflow.
 */
@ExtendWith(ApplicationExtension.class)
class TrainPaneTest {

    @TempDir
    static Path tmp;
    private JobExecutor jobs;
    private TrainPane pane;

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        Path root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 8, Color.RED, Color.GREEN, Color.BLUE);
        jobs = JobExecutor.background();
        pane = new TrainPane(new StudioContext(DatasetSession.open(root, new SessionServices(jobs, Platform::runLater,
                JobExecutor::inline))), FakeTraining.services());
        pane.viewModel().settings().epochsProperty().set(40);
        stage.setScene(new Scene((Parent) pane.view(), 1200, 780));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        jobs.close();
    }

    @Test
    void aBackboneThatCannotBeFineTunedDisablesTheOptionAndSaysWhy(FxRobot robot) throws Exception {
        robot.clickOn("#advanced-settings");
        Spinner<?> blocks = robot.lookup("#fine-tune").queryAs(Spinner.class);
        waitFor(() -> pane.viewModel().settings().fineTunableProperty().get() == 0);
        assertThat(blocks.isDisabled()).isTrue();
        assertThat(blocks.getTooltip().getText()).startsWith("This backbone cannot be fine-tuned: ");
        assertThat(pane.viewModel().settings().toConfig().fineTuneBlocks()).isZero();
    }

    @Test
    void theAdvancedTitleWrapsRatherThanCutTheChangedSettings(FxRobot robot) throws Exception {
        robot.interact(() -> {
            pane.viewModel().settings().headSearchProperty().set(false);
            pane.viewModel().settings().validationPercentProperty().set(25);
            pane.viewModel().settings().seedProperty().set(7);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // Collapsed, the title names every change whole ("Advanced: fine-tune last …" hid which one).
        assertThat(robot.lookup("Advanced: head as given, validation 25 %, seed 7").tryQuery()).isPresent();
        assertThat(WaitForAsyncUtils.asyncFx(() -> dev.loupe.testing.CutText.in((Parent) pane.view())).get())
                .as("controls whose text is cut with three advanced settings changed").isEmpty();
    }

    @Test
    void theLearningRateShowsAllItsDigitsAndSurvivesLeavingTheField(FxRobot robot) {
        robot.clickOn("Advanced");
        Spinner<?> rate = robot.lookup("#learning-rate").queryAs(Spinner.class);
        assertThat(rate.isDisabled()).as("while the head is chosen automatically, the rate is where it starts").isTrue();
        robot.clickOn("#head-search");
        assertThat(rate.isDisabled()).isFalse();
        assertThat(rate.getEditor().getText()).isEqualTo("0.003");
        robot.clickOn(rate.getEditor());
        robot.clickOn("#augmentations");
        // Leaving the field parses its text: with a two-decimal display that turned 0.003 into the minimum, 1e-5.
        assertThat(pane.viewModel().settings().learningRateProperty().get()).isEqualTo(0.003);
    }

    @Test
    void enterInTheEpochsFieldCommitsTheNumberWithoutStartingARun(FxRobot robot) {
        Spinner<?> epochs = robot.lookup("#epochs").queryAs(Spinner.class);
        robot.doubleClickOn(epochs.getEditor()).write("25").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.viewModel().settings().epochsProperty().get()).isEqualTo(25);
        assertThat(pane.viewModel().runningProperty().get()).as("Enter started a run").isFalse();
    }

    @Test
    void expandingAdvancedLeavesTheRunListRoomForSeveralRuns(FxRobot robot) throws Exception {
        robot.clickOn("Advanced");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListView<?> runs = robot.lookup("#run-list").queryListView();
        // A run's row is two lines, about 40 px: under 150 px the list showed one run, and the rest scrolled away.
        assertThat(runs.getHeight()).as("run list height with Advanced open").isGreaterThanOrEqualTo(150);
        // Every setting's label and check box whole in the fixed-width column ("Change colou…" was cut).
        assertThat(WaitForAsyncUtils.asyncFx(() -> dev.loupe.testing.CutText.in((Parent) pane.view())).get())
                .as("controls whose text is cut with Advanced open").isEmpty();
        // Colour changes only mean something for variants: off, and disabled when there are none.
        javafx.scene.control.CheckBox colour = robot.lookup("#augment-colour").queryAs(javafx.scene.control.CheckBox.class);
        assertThat(colour.isSelected()).isFalse();
        Spinner<?> augment = robot.lookup("#augmentations").queryAs(Spinner.class);
        assertThat(augment.getEditor().getText()).as("the default, left to the dataset").isEqualTo("Auto");
        assertThat(colour.isDisabled()).isFalse();
        robot.interact(() -> pane.viewModel().settings().augmentationsProperty().set(0));
        assertThat(colour.isDisabled()).isTrue();
        robot.interact(() -> pane.viewModel().settings().augmentationsProperty().set(2));
        assertThat(colour.isDisabled()).isFalse();
        robot.interact(() -> colour.setSelected(true));
        // The title is cut when many settings changed; its tooltip names them all.
        javafx.scene.control.TitledPane advanced = robot.lookup("#advanced-settings")
                .queryAs(javafx.scene.control.TitledPane.class);
        // The tooltip is the title's ("javafx.scene.control.Tooltip" is where Tooltip.install keeps it), so that
        // each row's own tooltip shows over its row.
        javafx.scene.control.Tooltip tip = (javafx.scene.control.Tooltip) advanced.lookup(".title").getProperties()
                .get("javafx.scene.control.Tooltip");
        assertThat(tip.getText()).endsWith("Changed: augmentations 2, colour changes");
        // Softmax regression (no hidden layer) is fitted by L-BFGS: Adam's settings and the epochs are off, and say why.
        robot.interact(() -> pane.viewModel().settings().headSearchProperty().set(false));
        javafx.scene.control.Spinner<?> rate = robot.lookup("#learning-rate").queryAs(javafx.scene.control.Spinner.class);
        javafx.scene.control.Spinner<?> epochs = robot.lookup("#epochs").queryAs(javafx.scene.control.Spinner.class);
        assertThat(rate.isDisabled()).isFalse();
        assertThat(epochs.isDisabled()).isFalse();
        robot.interact(() -> pane.viewModel().settings().hiddenUnitsProperty().set(0));
        assertThat(rate.isDisabled()).isTrue();
        assertThat(epochs.isDisabled()).isTrue();
        assertThat(rate.getTooltip().getText()).contains("fitted by L-BFGS");
    }

    @Test
    void retrainGrowsTheChartsThenShowsTheRunAndItsConfusionMatrix(FxRobot robot) throws Exception {
        assertThat(series(robot, "#loss-chart", 0)).isZero();
        robot.clickOn("#retrain");
        waitFor(() -> series(robot, "#loss-chart", 0) > 0 && series(robot, "#accuracy-chart", 1) > 0);
        waitFor(() -> !pane.viewModel().runningProperty().get() && !pane.viewModel().runs().isEmpty());
        waitFor(() -> robot.lookup("#confusion-matrix").queryAs(GridPane.class).getChildren().size() == 16);
        assertThat(series(robot, "#loss-chart", 4)).isEqualTo(2);
        assertThat(robot.lookup("#cm-0-0").queryLabeled().getText()).isNotBlank();
        assertThat(robot.lookup("#overall-accuracy").queryLabeled().getText()).startsWith("Accuracy");
        // The run says which head settings the search chose, on what and against what.
        assertThat(robot.lookup("#train-stage").queryLabeled().getText()).startsWith("Run ")
                .contains(". Head: ").contains("cross-validation of the").contains("settings tried");
        assertThat(robot.lookup("#run-list").queryListView().getItems()).hasSize(1);
        assertThat(robot.lookup("#ece").queryLabeled().getText()).contains("calibration");
        // Settings, run list and evaluation all whole in the pane's fixed-width column and at 1200x780 (issue 17).
        assertThat(WaitForAsyncUtils.asyncFx(() -> dev.loupe.testing.CutText.in((Parent) pane.view())).get())
                .as("controls whose text is cut").isEmpty();
        robot.clickOn("#cm-0-1");
        waitFor(() -> robot.lookup("#cell-title").queryLabeled().getText().startsWith("Labelled blue"));

        robot.interact(() -> robot.lookup("#run-list").queryListView().getSelectionModel().select(0));
        javafx.scene.control.MenuButton export = robot.lookup("#export-run")
                .queryAs(javafx.scene.control.MenuButton.class);
        waitFor(() -> !export.isDisabled());
        assertThat(export.getItems().stream().map(javafx.scene.control.MenuItem::getId).toList())
                .as("a run's Export menu offers every export format")
                .containsAll(dev.loupe.engine.export.Exporters.formats().stream().map(f -> "export-" + f).toList());

        Path copy = tmp.resolve("copy-" + System.nanoTime() + ".loupe");
        robot.interact(() -> pane.viewModel().export(pane.viewModel().runs().get(0), copy));
        waitFor(() -> robot.lookup("#train-message").queryLabeled().getText().startsWith("Exported"));
        javafx.scene.control.Labeled message = robot.lookup("#train-message").queryLabeled();
        javafx.geometry.Bounds shown = message.localToScene(message.getBoundsInLocal());
        assertThat(shown.getMaxY()).as("what an export wrote is said in view, not below the column's fold")
                .isLessThan(780);
        assertThat(message.getHeight()).as("the whole message, wrapped, not cut to one line")
                .isGreaterThanOrEqualTo(message.prefHeight(message.getWidth()) - 0.5);
    }

    @SuppressWarnings("unchecked")
    @Test
    void aViewOpenedAfterARunIsShownDrawsItsCurves() throws Exception {
        // At start-up the run history is read, and the newest run shown, before the pane is first opened.
        List<EpochMetrics> run = List.of(new EpochMetrics(1, 0.9, 0.6, 1.0, 0.5),
                new EpochMetrics(2, 0.5, 0.8, 0.7, 0.7), new EpochMetrics(3, 0.3, 0.9, 0.6, 0.8));
        Node later = WaitForAsyncUtils.asyncFx(() -> {
            pane.viewModel().metrics().setAll(run);
            Parent view = (Parent) new TrainView(pane.viewModel(), new ThumbnailService()).root();
            new Scene(view, 1200, 780);
            view.applyCss(); // the charts sit in controls whose skins make their children
            return view;
        }).get(10, TimeUnit.SECONDS);
        LineChart<?, ?> loss = (LineChart<?, ?>) later.lookup("#loss-chart");
        assertThat(loss.getData().get(0).getData()).hasSize(3);
    }

    private static int series(FxRobot robot, String chart, int index) {
        LineChart<Number, Number> c = robot.lookup(chart).queryAs(LineChart.class);
        return c.getData().get(index).getData().size();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

}
