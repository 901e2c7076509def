package dev.loupe.ui.app;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.util.AppDirs;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The JavaFX application: wires the user's preferences, the background job queue and the default panes into a
 * {@link StudioWindow}. Everything testable lives in the classes it wires; this one only owns their life cycle.
 */
public final class StudioApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(StudioApp.class);
    // Application.launch creates the instance itself, so the folder to open reaches it through a static.
    private static volatile Path initialDataset;
    private static volatile Path initialModel;

    private JobExecutor jobs;

    /** Opens the studio on a dataset folder, or on the last/sample dataset when {@code dataset} is null; blocks until it closes. */
    public static void open(Path dataset) {
        initialDataset = dataset;
        Application.launch(StudioApp.class);
    }

    /**
     * Opens the studio on the Classify pane with a model file, as when the user opens a {@code .loupe} file from the
     * file manager (the installers register the association); the model becomes the one Classify remembers.
     */
    public static void openModel(Path model) {
        initialModel = model.toAbsolutePath();
        open(null);
    }

    /** The model file the studio was started with, if any (read once by the Classify pane). */
    public static Path initialModel() {
        return initialModel;
    }

    @Override
    public void start(Stage stage) {
        jobs = JobExecutor.background();
        boolean probe = StartupProbe.enabled();
        StudioViewModel vm = new StudioViewModel(probe ? StartupProbe.settings() : StudioPrefs.user(),
                AppDirs.sampleDataset());
        vm.start(initialDataset);
        // Read off the FX thread; until it answers, "Follow system" shows the light theme.
        SystemTheme.detectAsync().thenAccept(dark -> Platform.runLater(() -> vm.systemDarkProperty().set(dark)));
        if (initialModel != null) {
            vm.selectedPaneProperty().set(StudioPanes.CLASSIFY);
        }
        StudioWindow window = new StudioWindow(stage, vm, jobs, StudioPanes.defaults());
        if (probe) {
            StartupProbe.reportWhenShown(stage);
        }
        window.show();
        LOG.info("Studio open on {}", vm.datasetProperty().get());
    }

    @Override
    public void stop() {
        // Cancels running jobs cooperatively; their threads are daemons, so a stuck job cannot keep the JVM alive.
        if (jobs != null) {
            jobs.close();
        }
    }
}
