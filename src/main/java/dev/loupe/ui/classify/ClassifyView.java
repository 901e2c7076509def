package dev.loupe.ui.classify;

import dev.loupe.ui.common.ThumbnailService;
import dev.loupe.ui.common.Choosers;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Lays out the pane: header with the model and actions, the result card beside the map, the results table below.
 * Drops and pastes go straight to the view model. A 150 ms Timeline drains the map job's partial layouts.
 */
final class ClassifyView {

    private final ClassifyViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ScatterView scatter;
    private final Timeline poller;

    ClassifyView(ClassifyViewModel vm, ThumbnailService thumbnails) {
        this.vm = vm;
        this.scatter = new ScatterView(thumbnails, vm.session()::colourOf);
        scatter.dataProperty().bind(vm.scatterProperty());
        scatter.selectionProperty().bindBidirectional(vm.relabeller().selectionProperty());
        scatter.setSelectionMenu(RelabelMenu.contextMenu(vm.relabeller(), vm.classes()));
        scatter.placedProperty().bind(Bindings.createObjectBinding(() -> vm.currentProperty().get() == null ? null
                : vm.currentProperty().get().placement(), vm.currentProperty()));

        VBox table = new VBox(6, tableHeader(), ResultsTable.create(vm, thumbnails));
        table.getStyleClass().add("results-section");
        VBox.setVgrow(table.getChildren().get(1), Priority.ALWAYS);
        SplitPane top = new SplitPane(new ResultCard(vm, thumbnails).root(), mapSection());
        top.setDividerPositions(0.32);
        SplitPane centre = new SplitPane(top);
        centre.setOrientation(Orientation.VERTICAL);
        vm.results().addListener((javafx.collections.ListChangeListener<ClassifiedImage>) c -> {
            boolean many = vm.results().size() > 1;
            if (many && !centre.getItems().contains(table)) {
                centre.getItems().add(table);
                centre.setDividerPositions(0.62);
            } else if (!many) {
                centre.getItems().remove(table);
            }
        });

        root.setTop(new VBox(header(), modelWarning()));
        root.setCenter(centre);
        root.setBottom(statusLine());
        root.getStyleClass().addAll("studio-pane", "classify");
        root.setId("pane-classify");
        root.getStylesheets().add(ClassifyView.class.getResource("/loupe/ui/classify.css").toExternalForm());
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        root.setOnDragDropped(e -> {
            vm.classify(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            e.setDropCompleted(true);
            e.consume();
        });
        root.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.V && Clipboard.getSystemClipboard().hasFiles()) {
                vm.classify(Clipboard.getSystemClipboard().getFiles().stream().map(File::toPath).toList());
                e.consume();
            }
        });
        poller = new Timeline(new KeyFrame(Duration.millis(150), e -> vm.poll()));
        poller.setCycleCount(Timeline.INDEFINITE);
        poller.play();
    }

    BorderPane root() {
        return root;
    }

    /** Stops draining the map job: the pane is closed with its session. */
    void close() {
        poller.stop();
    }

    ScatterView scatter() {
        return scatter;
    }

    private Node header() {
        Label heading = new Label("Classify", new FontIcon(MaterialDesignT.TAG_OUTLINE));
        heading.getStyleClass().add("title-2");
        Label modelChip = new Label();
        modelChip.setId("model-chip");
        modelChip.setGraphic(new FontIcon(MaterialDesignB.BRAIN));
        modelChip.getStyleClass().add("dataset-chip");
        modelChip.textProperty().bind(Bindings.createStringBinding(() -> vm.modelProperty().get() == null
                ? "No model yet: train one in Train, or choose a model file"
                : vm.modelInfoProperty().get() == null ? vm.modelProperty().get().getFileName().toString()
                : vm.modelInfoProperty().get().name(), vm.modelProperty(), vm.modelInfoProperty()));
        modelChip.setMinWidth(Region.USE_PREF_SIZE);
        Button choose = new Button("Choose model…", new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        choose.setOnAction(e -> chooseModel());
        Button open = new Button("Open images…", new FontIcon(MaterialDesignI.IMAGE_PLUS));
        open.setId("open-images");
        open.setOnAction(e -> openImages());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressIndicator working = new ProgressIndicator();
        working.setId("classify-busy");
        working.setPrefSize(22, 22);
        working.visibleProperty().bind(vm.busyProperty());
        working.managedProperty().bind(working.visibleProperty());
        CheckBox mirror = new CheckBox("Mirror too");
        mirror.setId("classify-mirror");
        mirror.selectedProperty().bindBidirectional(vm.mirrorProperty());
        mirror.setTooltip(new Tooltip("Test-time augmentation: also classify each photo mirrored left to right and "
                + "average the two (twice the time; docs/benchmarks.md says what it gains)"));
        HBox header = new HBox(12, heading, modelChip, choose, spacer, working, mirror, open);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");
        return header;
    }

    /** Says when the model's classes are not the dataset's (a model of another dataset, or classes added since). */
    private Node modelWarning() {
        Label warning = new Label(null, new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        warning.setId("model-warning");
        warning.getStyleClass().addAll("warning", "model-warning");
        warning.setWrapText(true);
        warning.textProperty().bind(vm.modelWarningProperty());
        warning.visibleProperty().bind(vm.modelWarningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        return warning;
    }

    private Node mapSection() {
        Label title = new Label("Dataset map");
        title.getStyleClass().add("section-heading");
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.mapProgressProperty());
        progress.visibleProperty().bind(vm.mappingProperty());
        progress.setPrefWidth(160);
        Button remap = new Button();
        remap.setId("map-button");
        remap.textProperty().bind(Bindings.when(vm.mappingProperty()).then("Cancel").otherwise("Map dataset"));
        remap.graphicProperty().bind(Bindings.createObjectBinding(() -> new FontIcon(vm.mappingProperty().get()
                ? MaterialDesignC.CLOSE_CIRCLE_OUTLINE : MaterialDesignG.GRAPH_OUTLINE), vm.mappingProperty()));
        remap.setOnAction(e -> {
            if (vm.mappingProperty().get()) {
                vm.cancelMap();
            } else {
                vm.computeMap();
            }
        });
        remap.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label hint = new Label("t-SNE of image features · scroll to zoom, drag to pan, click a point, "
                + "Shift+drag to lasso");
        hint.getStyleClass().addAll("text-muted", "map-hint");
        // Under the bar, wrapping when narrow: in the bar it was cut ("click a …") and hid the lasso's Shift+drag,
        // and the lasso's "Move N images to class…" squeezed it further.
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        javafx.scene.control.MenuButton move = RelabelMenu.button(vm.relabeller(), vm.classes());
        move.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, title, spacer, move, progress, remap);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("map-bar");
        VBox box = new VBox(bar, hint, scatter.root());
        VBox.setVgrow(scatter.root(), Priority.ALWAYS);
        return box;
    }

    private Node tableHeader() {
        Label title = new Label("Results");
        title.getStyleClass().add("section-heading");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button export = new Button("Export CSV…", new FontIcon(MaterialDesignF.FILE_DELIMITED_OUTLINE));
        export.setOnAction(e -> {
            FileChooser chooser = Choosers.in("Export the Results as CSV", vm.session().root().getParent());
            chooser.setInitialFileName("predictions.csv");
            File f = chooser.showSaveDialog(root.getScene().getWindow());
            if (f != null) {
                vm.exportCsv(f.toPath());
            }
        });
        HBox header = new HBox(10, title, spacer, export);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private Node statusLine() {
        Label message = new Label();
        message.setId("classify-message");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("text-muted");
        // Wrapped: a refusal's one sentence of what to do was cut at the pane's width ("Train the m…").
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        HBox line = new HBox(message);
        line.getStyleClass().add("classify-status");
        return line;
    }

    private void chooseModel() {
        Path current = vm.modelProperty().get();
        FileChooser chooser = Choosers.models("Choose a Trained Model",
                current != null ? current.getParent() : vm.session().root().getParent());
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.modelProperty().set(f.toPath());
        }
    }

    private void openImages() {
        FileChooser chooser = Choosers.images("Classify Images", vm.session().root().getParent());
        List<File> files = chooser.showOpenMultipleDialog(root.getScene().getWindow());
        if (files != null) {
            vm.classify(files.stream().map(File::toPath).toList());
        }
    }
}
