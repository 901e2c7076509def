package dev.loupe.ui.app;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.JobStatusBar;
import dev.loupe.ui.common.JobStatusPoller;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.StudioPane;
import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.EmptyState;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Assembles the studio window around a view model: menus on top, the pane sidebar on the left, the selected pane in
 * the centre, jobs in the status bar. Its panes are made for the open dataset's session: when another dataset opens,
 * the old panes are closed and new ones made, so no pane carries a message, a job or a model from one dataset to the
 * next. Everything it needs is passed in, so a test can build it on its own stage with throwaway preferences and its
 * own job executor.
 */
public final class StudioWindow {

    private static final Logger LOG = LoggerFactory.getLogger(StudioWindow.class);
    private static final int[] ICON_SIZES = {16, 24, 32, 48, 64, 128, 256};

    private final Stage stage;
    private final StudioViewModel vm;
    private final List<StudioPane.Factory> factories;
    private final JobStatusPoller poller;
    private final StackPane content = new StackPane();
    private List<StudioPane> panes = List.of();

    public StudioWindow(Stage stage, StudioViewModel vm, JobExecutor jobs, List<StudioPane.Factory> factories) {
        this(stage, vm, List.of(jobs), factories);
    }

    /** {@code queues}: the studio's queues the status bar follows (compute, then edits). */
    public StudioWindow(Stage stage, StudioViewModel vm, List<JobExecutor> queues,
                        List<StudioPane.Factory> factories) {
        this.stage = stage;
        this.vm = vm;
        this.factories = List.copyOf(factories);
        this.poller = new JobStatusPoller(queues);
        vm.sessionProperty().addListener((o, was, now) -> makePanes(now));
        makePanes(vm.sessionProperty().get());
    }

    /** Closes the panes of the previous session and makes the new session's. */
    private void makePanes(DatasetSession session) {
        panes.forEach(StudioPane::close);
        poller.newSession();
        StudioContext context = session == null ? null : new StudioContext(session);
        panes = context == null ? List.of() : factories.stream().map(f -> f.create(context)).toList();
        vm.imageImporterProperty().set(panes.stream().map(StudioPane::imageImporter)
                .filter(Objects::nonNull).findFirst().orElse(null));
        showPane(vm.selectedPaneProperty().get());
    }

    public void show() {
        content.getStyleClass().add("pane-host");
        vm.selectedPaneProperty().addListener((o, was, now) -> showPane(now.intValue()));
        showPane(vm.selectedPaneProperty().get());

        Label dataset = new Label(null, new FontIcon(MaterialDesignF.FOLDER_IMAGE));
        dataset.setId("status-dataset");
        // The full path when the bar has room, else the folder's name (the path in its tooltip); never less than the
        // name, so a running job's progress does not squeeze the dataset out of the bar.
        dev.loupe.ui.common.FittedText.bind(dataset, Bindings.convert(vm.datasetProperty()),
                path -> java.util.List.of(java.nio.file.Path.of(path.isEmpty() ? "." : path).getFileName() == null
                        ? path : java.nio.file.Path.of(path).getFileName().toString()), true);
        // Another Loupe has the dataset asked for: say so where the dataset is shown, in the warning colour.
        Label notice = new Label();
        notice.setId("status-notice");
        notice.getStyleClass().add("warning");
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        BorderPane root = new BorderPane(new VBox(FirstRunGuide.create(vm), content),
                StudioMenus.create(vm, new StudioActions(stage, vm), factories),
                null, JobStatusBar.create(poller, new HBox(8, dataset, notice)), Sidebar.create(factories, vm));
        root.getStyleClass().add("studio");

        Themes.apply(vm.darkProperty().get());
        vm.darkProperty().addListener((o, was, now) -> Themes.apply(now));
        Scene scene = new Scene(root);
        // Ctrl+Y redoes too (the Edit menu shows Ctrl+Shift+Z; a menu item has one accelerator).
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), () -> {
            EditActions a = vm.editActionsProperty().get();
            if (a != null && a.canRedo().get()) {
                a.redo();
            }
        });
        scene.getStylesheets().add(Themes.studioCss());
        stage.setScene(scene);
        stage.titleProperty().bind(vm.titleProperty());
        stage.getIcons().setAll(icons());
        WindowState.manage(stage, vm.prefs(), 1200, 780);
        poller.start();
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            poller.stop();
            panes.forEach(StudioPane::close);
            vm.closeSession();
        });
        stage.show();
    }

    private void showPane(int index) {
        if (panes.isEmpty()) {
            // No dataset could be opened (another Loupe has it): say what to do instead of an empty window.
            content.getChildren().setAll(EmptyState.of(MaterialDesignF.FOLDER_OPEN_OUTLINE, "No dataset open",
                    "Open a dataset folder with File › Open Dataset Folder…"));
            vm.editActionsProperty().set(null);
            return;
        }
        if (index < 0 || index >= panes.size()) {
            return;
        }
        StudioPane pane = panes.get(index);
        content.getChildren().setAll(pane.view());
        vm.editActionsProperty().set(pane.editActions());
        LOG.debug("Showing pane {}", factories.get(index).title());
    }

    /** Several sizes so each OS picks a sharp one for the title bar, task switcher and dock. */
    private static List<Image> icons() {
        return Arrays.stream(ICON_SIZES).mapToObj(size -> {
            try (InputStream in = StudioWindow.class.getResourceAsStream("/loupe/icons/loupe-" + size + ".png")) {
                return in == null ? null : new Image(in);
            } catch (IOException e) {
                LOG.warn("Could not read the {} px window icon", size, e);
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }

    /** For tests and plug-in code: the open session's panes in sidebar order. */
    public List<StudioPane> panes() {
        return panes;
    }
}
