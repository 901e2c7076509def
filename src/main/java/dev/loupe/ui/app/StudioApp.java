package dev.loupe.ui.app;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.util.AppDirs;
import dev.loupe.ui.common.SessionServices;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JavaFX application: wires the user's preferences, the background job queue and the default panes into a
 * {@link StudioWindow}. Everything testable lives in the classes it wires; this one only owns their life cycle. What
 * to open comes in as the application's parameters (Application.launch makes the instance itself), never a static.
 */
public final class StudioApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(StudioApp.class);
    private static final String MODEL = "model";

    private JobExecutor jobs;
    private JobExecutor edits;

    /** Opens the studio on a dataset folder, or on the last/sample dataset when {@code dataset} is null; blocks until it closes. */
    public static void open(Path dataset) {
        launch(dataset, null);
    }

    /**
     * Opens the studio on the Classify pane with a model file, as when the user opens a {@code .loupe} file from the
     * file manager (the installers register the association); Classify uses that model in the session it opens.
     */
    public static void openModel(Path model) {
        launch(null, model.toAbsolutePath());
    }

    private static void launch(Path dataset, Path model) {
        List<String> args = new ArrayList<>();
        if (model != null) {
            args.add("--" + MODEL + "=" + model);
        }
        if (dataset != null) {
            args.add(dataset.toString());
        }
        Application.launch(StudioApp.class, args.toArray(String[]::new));
    }

    @Override
    public void start(Stage stage) {
        jobs = JobExecutor.background();
        edits = JobExecutor.background();
        Map<String, String> named = getParameters().getNamed();
        List<String> unnamed = getParameters().getUnnamed();
        Path model = named.containsKey(MODEL) ? Path.of(named.get(MODEL)) : null;
        boolean probe = StartupProbe.enabled();
        StudioViewModel vm = new StudioViewModel(probe ? StartupProbe.settings() : StudioPrefs.user(),
                AppDirs.sampleDataset(), SessionServices.studio(jobs, edits));
        vm.start(unnamed.isEmpty() ? null : Path.of(unnamed.get(0)), model);
        // Read off the FX thread; until it answers, "Follow system" shows the light theme.
        SystemTheme.detectAsync().thenAccept(dark -> Platform.runLater(() -> vm.systemDarkProperty().set(dark)));
        if (model != null) {
            vm.selectedPaneProperty().set(StudioPanes.CLASSIFY);
        }
        StudioWindow window = new StudioWindow(stage, vm, List.of(jobs, edits), StudioPanes.defaults());
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
            edits.close();
        }
    }
}
