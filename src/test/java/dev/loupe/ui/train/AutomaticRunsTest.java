package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.StudioContext;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's automatic runs in the Train pane: the inbox's background retrains are marked in the run list, a new one
 * appears there without the user touching the pane, and only the newest automatic run stays besides the ones the
 * user keeps from the list's menu.
 */
@ExtendWith(ApplicationExtension.class)
class AutomaticRunsTest {

    @TempDir
    static Path tmp;
    private JobExecutor jobs;
    private TrainPane pane;
    private DatasetSession session;
    private TrainWorkflow workflow;
    private TrainingConfig config;
    private String user;

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        Path root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 8, Color.RED, Color.GREEN, Color.BLUE);
        jobs = JobExecutor.background();
        session = DatasetSession.open(root, new SessionServices(jobs, Platform::runLater, JobExecutor::inline));
        workflow = new TrainWorkflow(BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR)),
                new FakeExtractor().factory());
        config = TrainingConfig.defaults().withBackbone(FakeExtractor.DESCRIPTOR.id()).withEpochs(5);
        user = train(false).id();
        train(true);
        train(true); // the first automatic run goes: only the newest stays
        pane = new TrainPane(new StudioContext(session), FakeTraining.services());
        stage.setScene(new Scene((Parent) pane.view(), 1200, 780));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        jobs.close();
    }

    private RunRecord train(boolean automatic) throws Exception {
        return new TrainJob(workflow, session.runs(), session.root(), config, automatic).run(JobMonitor.silent());
    }

    @Test
    void automaticRunsAreMarkedAndOnlyTheNewestStaysBesidesTheKeptOnes(FxRobot robot) throws Exception {
        waitFor(() -> runs().size() == 2);
        RunRecord auto = runs().get(0);
        assertThat(auto.automatic()).isTrue();
        assertThat(runs().get(1).id()).isEqualTo(user);
        // The automatic run carries its mark (a robot icon, "automatic" in its line); the user's run none.
        assertThat(robot.lookup(".run-automatic").queryAll()).hasSize(1);
        assertThat(robot.lookup(".run-not-kept").queryAll()).hasSize(1);
        assertThat(robot.lookup(hasText("automatic")).queryAll()).hasSize(1);
        assertThat(WaitForAsyncUtils.asyncFx(() -> dev.loupe.testing.CutText.in(list())).get())
                .as("run lines whose text is cut in the column").isEmpty();

        // Keep it from the row's menu: its mark becomes a pin.
        robot.interact(() -> list().getSelectionModel().clearAndSelect(0));
        waitFor(() -> auto.id().equals(pane.viewModel().shownRunProperty().get().id()));
        robot.interact(() -> list().getContextMenu().show(list(), javafx.geometry.Side.TOP, 20, 20));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Keep this automatic run");
        waitFor(() -> session.runs().get(auto.id()).orElseThrow().kept()
                && robot.lookup(".run-kept").tryQuery().isPresent());

        // Two more retrains, as the inbox starts them: each becomes the selected run and appears in the list at once.
        for (int i = 0; i < 2; i++) {
            RunRecord next = train(true);
            robot.interact(() -> session.classifyModelProperty().set(session.runs().modelPath(next.id())));
            waitFor(() -> runs().stream().anyMatch(r -> r.id().equals(next.id())));
        }
        // The user's run, the kept one and the newest automatic one: the retrain between them is gone.
        waitFor(() -> runs().size() == 3);
        assertThat(runs()).extracting(RunRecord::id).contains(user, auto.id());
        assertThat(robot.lookup(".run-automatic").queryAll()).hasSize(2);
        assertThat(robot.lookup(".run-kept").queryAll()).hasSize(1);
    }

    private List<RunRecord> runs() {
        return List.copyOf(pane.viewModel().runs());
    }

    @SuppressWarnings("unchecked")
    private ListView<RunRecord> list() {
        return (ListView<RunRecord>) pane.view().lookup("#run-list");
    }

    private static java.util.function.Predicate<javafx.scene.Node> hasText(String start) {
        return n -> n instanceof javafx.scene.control.Label l && l.getText() != null && l.getText().startsWith(start);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
