package dev.loupe.ui.app;

import dev.loupe.engine.features.cluster.ImportResult;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobState;
import dev.loupe.ui.common.Choosers;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.DialogKeys;
import dev.loupe.ui.common.ImageImporter;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The File and Help menu commands that need the window: file choosers, small dialogs, quitting. */
final class StudioActions {

    private static final Logger LOG = LoggerFactory.getLogger(StudioActions.class);

    private final Stage stage;
    private final StudioViewModel vm;

    StudioActions(Stage stage, StudioViewModel vm) {
        this.stage = stage;
        this.vm = vm;
    }

    void openDatasetFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open Dataset Folder");
        startIn(chooser);
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            vm.openDataset(dir.toPath());
        }
    }

    /** A dataset is a plain folder of class folders, so a new one is an empty folder the user names. */
    void newDataset() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose Where to Create the Dataset");
        startIn(chooser);
        File parent = chooser.showDialog(stage);
        if (parent == null) {
            return;
        }
        TextInputDialog ask = new TextInputDialog("my-dataset");
        ask.initOwner(stage);
        ask.setTitle("New Dataset");
        ask.setHeaderText("Name the new dataset folder inside " + parent);
        DialogKeys.closeOnRelease(ask).showAndWait().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(name -> {
            Path folder = parent.toPath().resolve(name);
            try {
                Files.createDirectories(folder);
                vm.openDataset(folder);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not create dataset folder {}", folder, e);
                error("Could not create " + folder, Failures.describe(e));
            }
        });
    }

    void importImages() {
        ImageImporter importer = vm.imageImporterProperty().get();
        if (importer == null) {
            return;
        }
        Path current = vm.datasetProperty().get();
        FileChooser chooser = Choosers.images("Import Images", current == null ? null : current.getParent());
        List<File> files = chooser.showOpenMultipleDialog(stage);
        if (files != null && !files.isEmpty()) {
            importer.importImages(files.stream().map(File::toPath).toList());
        }
    }

    /** Features a Spark cluster computed (docs/scaling.md) into the open dataset's catalogue, as a job. */
    void importClusterFeatures() {
        DatasetSession session = vm.sessionProperty().get();
        if (session == null) {
            return;
        }
        Path dataset = session.root();
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Import Cluster Features: the Parquet Folder loupe-spark features Wrote");
        startIn(chooser);
        File table = chooser.showDialog(stage);
        if (table == null) {
            return;
        }
        JobHandle<ImportResult> handle = session.compute(ClusterFeaturesImport.JOB_NAME,
                ClusterFeaturesImport.job(dataset, table.toPath()));
        handle.result().whenComplete((result, error) ->
                Platform.runLater(() -> {
                    if (result != null) {
                        Alert done = new Alert(Alert.AlertType.INFORMATION, String.join("\n", result.lines()));
                        done.initOwner(stage);
                        done.setHeaderText("Cluster features imported into " + dataset.getFileName());
                        DialogKeys.closeOnRelease(done).show();
                    } else if (handle.state() == JobState.FAILED) {
                        error("Could not import " + table, Failures.describe(error));
                    }
                }));
    }

    void openRecent(Path folder) {
        if (vm.exists(folder)) {
            vm.openDataset(folder);
        } else {
            error("Folder not found", folder + " no longer exists.");
        }
    }

    void shortcuts() {
        ShortcutsDialog.show(stage);
    }

    void about() {
        AboutDialog.show(stage, new AboutInfo());
    }

    /** Hiding the window first runs its close handling (saving its bounds) before the toolkit exits. */
    void quit() {
        stage.hide();
        Platform.exit();
    }

    private void startIn(DirectoryChooser chooser) {
        Path current = vm.datasetProperty().get();
        if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
    }

    private void error(String header, String text) {
        Alert alert = new Alert(Alert.AlertType.ERROR, text);
        alert.initOwner(stage);
        alert.setHeaderText(header);
        DialogKeys.closeOnRelease(alert).showAndWait();
    }
}
