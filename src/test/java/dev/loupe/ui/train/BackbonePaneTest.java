package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.BackboneState;
import dev.loupe.engine.backbone.ImportedBackbones;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.testing.CutText;
import dev.loupe.testing.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import dev.loupe.ui.common.StudioContext;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, point 9 (done means): a backbone to download is named whole with its size on the Download button, and
 * the Train pane's Import… brings a Keras network of the user's in as a backbone,
 * through the studio's real importer, as a job; the list then offers it, chosen and marked as imported. The file is
 * a small 64x64 greyscale Keras CNN written by src/test/python/keras_layouts.py (as KerasLayoutsTest makes it); the
 * native file chooser, which a headless test cannot drive, is answered by the test.
 */
@ExtendWith(ApplicationExtension.class)
class BackbonePaneTest {

    @TempDir static Path tmp;
    /** The tests' own cache (pom.xml), put back afterwards. */
    private static final String CACHE = System.getProperty("loupe.cache.dir");
    private static Path fixtures;
    private JobExecutor jobs;
    private TrainPane pane;
    private Path chosen;

    @BeforeAll
    static void writeKerasFiles() throws Exception {
        System.setProperty("loupe.data.dir", tmp.resolve("data").toString());
        // An empty cache: every zoo backbone must be downloaded first, whatever this machine holds.
        System.setProperty("loupe.cache.dir", tmp.resolve("cache").toString());
        fixtures = tmp.resolve("fixtures");
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/keras_layouts.py", fixtures.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("the fixtures need Debian's python3-h5py (as .ci/run installs): " + output).isTrue();
    }

    @AfterAll
    static void restore() {
        System.clearProperty("loupe.data.dir");
        if (CACHE == null) {
            System.clearProperty("loupe.cache.dir");
        } else {
            System.setProperty("loupe.cache.dir", CACHE);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        Path root = TestImages.dataset(Files.createTempDirectory(tmp, "set"), 4, Color.RED, Color.GREEN);
        jobs = JobExecutor.background();
        BackboneJobs real = BackboneJobs.standard(BackboneRegistry::standard);
        BackboneJobs answered = new BackboneJobs() {
            @Override
            public Job<Path> download(BackboneDescriptor backbone) {
                return real.download(backbone);
            }

            @Override
            public Job<BackboneDescriptor> importModel(Path model) {
                return real.importModel(model);
            }

            @Override
            public BackboneRegistry reload() {
                return real.reload();
            }

            @Override
            public Path chooseModel(Window owner) {
                return chosen;
            }
        };
        pane = new TrainPane(new StudioContext(DatasetSession.open(root, new SessionServices(jobs, Platform::runLater,
                JobExecutor::inline))), new TrainServices(BackboneRegistry.standard(),
                FakeTraining.services().trainJobs(), answered));
        stage.setScene(new Scene((Parent) pane.view(), 1200, 780));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        jobs.close();
    }

    @Test
    void importBringsAKerasNetworkInChosenAndMarkedAsImported(FxRobot robot) throws Exception {
        chosen = fixtures.resolve("grey64.h5");
        robot.clickOn("#import-backbone");
        waitFor(() -> robot.lookup("#backbone-message").queryLabeled().getText().startsWith("Imported "));

        assertThat(robot.lookup("#backbone-message").queryLabeled().getText())
                .isEqualTo("Imported grey64.h5 as backbone grey64");
        BackboneDescriptor now = pane.viewModel().settings().backboneProperty().get();
        assertThat(now.id()).isEqualTo("grey64");
        assertThat(now.state()).isEqualTo(BackboneState.IMPORTED);
        assertThat(ImportedBackbones.folder("grey64").resolve("backbone.json")).exists();
        ComboBox<BackboneDescriptor> list = robot.lookup("#backbone").queryComboBox();
        assertThat(list.getItems()).as("offered in the list").contains(list.getValue());
        assertThat(robot.lookup("#import-backbone").queryButton().isDisabled()).as("busy only while importing")
                .isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutText.in((Parent) pane.view())).get())
                .as("controls whose text is cut").isEmpty();
    }

    /**
     * The closed list box said "NASNet-A Mobile · dow…" at 1200x780: it names the backbone whole, and the Download
     * button says how much it fetches.
     */
    @Test
    void aBackboneToDownloadIsNamedWholeAndDownloadSaysItsSize(FxRobot robot) throws Exception {
        java.util.List<BackboneDescriptor> toFetch = pane.viewModel().settings().backbones().stream()
                .filter(BackboneModel::needsDownload).toList();
        assertThat(toFetch).as("the DL4J zoo, none in the empty cache").hasSizeGreaterThan(3);
        for (BackboneDescriptor b : toFetch) {
            robot.interact(() -> pane.viewModel().settings().backboneProperty().set(b));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#download-backbone").queryButton().getText()).as(b.id())
                    .matches("Download \\d+ MB");
            assertThat(WaitForAsyncUtils.asyncFx(() -> CutText.in((Parent) pane.view())).get())
                    .as("controls whose text is cut with " + b.id()).isEmpty();
        }
    }

    @Test
    void aFileThatIsNotANetworkSaysSoInOneSentenceAndAddsNothing(FxRobot robot) throws Exception {
        chosen = Files.write(tmp.resolve("holiday.h5"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        String before = pane.viewModel().settings().backboneProperty().get().id();
        robot.clickOn("#import-backbone");
        waitFor(() -> robot.lookup("#backbone-message").queryLabeled().getText().startsWith("Import backbone failed"));

        assertThat(robot.lookup("#backbone-message").queryLabeled().getText()).contains("holiday.h5", "is not an HDF5 file")
                .doesNotContain("Exception");
        assertThat(pane.viewModel().settings().backboneProperty().get().id()).isEqualTo(before);
        assertThat(Files.exists(ImportedBackbones.folder("holiday"))).isFalse();
    }

    @Test
    void cancellingTheChooserImportsNothing(FxRobot robot) {
        chosen = null;
        robot.clickOn("#import-backbone");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#backbone-message").queryLabeled().getText()).isEmpty();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
    }
}
