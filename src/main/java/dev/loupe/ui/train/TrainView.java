package dev.loupe.ui.train;

import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.ui.common.ThumbnailService;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.List;

/**
 * Lays the pane out: on the left Retrain/Cancel, the stage line, settings and the run history; in the centre the
 * loss and accuracy charts, the comparison, and the evaluation. A 250 ms timeline calls {@link TrainViewModel#poll()};
 * it runs for the pane's life (a no-op without a job), so training goes on being followed while another pane is shown.
 */
final class TrainView {

    static final Duration PERIOD = Duration.millis(250);
    private final TrainViewModel vm;
    private final BorderPane root = new BorderPane();
    private final MetricsChart loss = new MetricsChart(MetricsChart.Kind.LOSS);
    private final MetricsChart accuracy = new MetricsChart(MetricsChart.Kind.ACCURACY);
    private final MisclassifiedStrip misclassified;
    private final Timeline timer;

    TrainView(TrainViewModel vm, ThumbnailService thumbnails) {
        this.vm = vm;
        this.misclassified = new MisclassifiedStrip(vm.evaluation(), thumbnails, vm.session().heatMaps());
        root.getStyleClass().add("train-pane");
        root.setId("pane-train");
        root.getStylesheets().add(TrainView.class.getResource("/loupe/ui/train.css").toExternalForm());
        root.setTop(header());
        root.setLeft(sidebar());
        root.setCenter(centre());
        loss.stepLabel(vm.stepProperty());
        accuracy.stepLabel(vm.stepProperty());
        vm.metrics().addListener((ListChangeListener<EpochMetrics>) c -> redraw());
        vm.compareMetrics().addListener((ListChangeListener<EpochMetrics>) c -> redraw());
        vm.bestEpochProperty().addListener((o, was, now) -> redraw());
        // The view model may already show a run (the history is read at start-up, before the pane is first opened).
        redraw();
        timer = new Timeline(new KeyFrame(PERIOD, e -> vm.poll()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    /** Stops following the job: the pane is closed with its session. */
    void close() {
        timer.stop();
    }

    Node root() {
        return root;
    }

    private void redraw() {
        loss.update(vm.metrics(), vm.compareMetrics(), vm.bestEpochProperty().get());
        accuracy.update(vm.metrics(), vm.compareMetrics(), vm.bestEpochProperty().get());
    }

    /** The pane's title, as the other panes have one, with the dataset it trains on. */
    private Node header() {
        Label heading = new Label("Train", new FontIcon(MaterialDesignB.BRAIN));
        heading.getStyleClass().add("title-2");
        Label chip = new Label(vm.session().name(), new FontIcon(MaterialDesignF.FOLDER_IMAGE));
        chip.getStyleClass().add("dataset-chip");
        HBox header = new HBox(16, heading, chip);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private Node sidebar() {
        // "Retrain" only once there is something to train again: a new dataset is trained, not retrained.
        Button retrain = new Button("Train", new FontIcon(MaterialDesignP.PLAY));
        retrain.textProperty().bind(Bindings.when(Bindings.isEmpty(vm.runs())).then("Train").otherwise("Retrain"));
        retrain.setId("retrain");
        retrain.getStyleClass().add("accent");
        // Not the default button: Enter in the Epochs field commits the number, it must not start a run.
        retrain.disableProperty().bind(vm.runningProperty());
        retrain.setOnAction(e -> vm.retrain());
        Button cancel = new Button("Cancel", new FontIcon(MaterialDesignS.STOP));
        cancel.setId("cancel-training");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Label stage = new Label();
        stage.setId("train-stage");
        stage.textProperty().bind(vm.stageProperty());
        stage.getStyleClass().add("text-bold");
        stage.setWrapText(true);
        stage.setMinHeight(Region.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(Bindings.when(vm.runningProperty()).then(vm.progressProperty()).otherwise(0));
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(vm.runningProperty());
        Label detail = new Label();
        detail.textProperty().bind(vm.detailProperty());
        detail.getStyleClass().addAll("text-muted", "text-small");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("train-message");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().addAll("text-muted", "text-small");
        message.setWrapText(true);
        // Under the buttons, whole: at the column's foot it was out of view and cut to one line ("Exported run … to …").
        message.setMinHeight(Region.USE_PREF_SIZE);
        Label runsTitle = new Label("Runs");
        runsTitle.getStyleClass().add("section-title");
        Label compareHint = new Label("Ctrl+click a second run to compare");
        compareHint.getStyleClass().addAll("text-muted", "text-small");
        compareHint.setId("compare-hint");
        RunList runs = new RunList(vm);
        VBox.setVgrow(runs.node(), Priority.ALWAYS);
        // Expanding Advanced used to squash the list to one row: it keeps four, and the column scrolls instead.
        runs.node().setMinHeight(180);
        VBox box = new VBox(8, new HBox(8, retrain, cancel), stage, bar, detail, message,
                SettingsForm.create(vm.settings(), vm.backbones()), new HBox(8, runsTitle, compareHint), runs.node(),
                runButtons(runs));
        box.setPadding(new Insets(12));
        box.setPrefWidth(310);
        box.setMinWidth(280);
        box.getStyleClass().add("train-sidebar");
        ScrollPane column = new ScrollPane(box);
        column.setFitToWidth(true);
        column.setFitToHeight(true);
        column.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        column.getStyleClass().add("edge-to-edge");
        column.setMinWidth(300);
        column.setPrefWidth(330); // room for the vertical scroll bar beside the 310 px column
        return column;
    }

    private Node runButtons(RunList runs) {
        var selected = vm.shownRunProperty(); // the first of the selected runs; the second is only compared
        var noModel = Bindings.createBooleanBinding(() -> selected.get() == null || !selected.get().hasModel(),
                selected);
        Button use = button("Use for Classify", MaterialDesignS.STAR_OUTLINE, e -> vm.useForClassify(selected.get()));
        use.disableProperty().bind(noModel);
        MenuButton export = ExportMenu.create(vm, selected::get, () -> root.getScene().getWindow());
        export.disableProperty().bind(noModel);
        Button delete = button(null, MaterialDesignD.DELETE_OUTLINE, e -> vm.delete(selected.get()));
        delete.disableProperty().bind(selected.isNull().or(vm.runningProperty()));
        delete.setTooltip(new javafx.scene.control.Tooltip("Move the run to the dataset's trash"));
        delete.setText("Delete");
        // A fine-tuning run cancelled, failed or cut short goes on from its last completed epoch.
        Button resume = button("Resume", MaterialDesignP.PLAY_CIRCLE_OUTLINE, e -> vm.resume(selected.get()));
        resume.setId("resume-run");
        resume.disableProperty().bind(Bindings.createBooleanBinding(() -> selected.get() == null
                || !vm.resumable().contains(selected.get().id()), selected, vm.resumable()).or(vm.runningProperty()));
        resume.setTooltip(new javafx.scene.control.Tooltip("Continue this fine-tuning run from its last completed "
                + "epoch (it was cancelled or cut short)"));
        for (Region b : List.of(use, export, delete, resume)) {
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(4);
        grid.addRow(0, use, export);
        grid.addRow(1, delete, resume);
        grid.getStyleClass().add("run-buttons");
        return grid;
    }

    private static Button button(String text, org.kordamp.ikonli.Ikon icon,
                                 javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button b = new Button(text, new FontIcon(icon));
        b.getStyleClass().add("small");
        b.setOnAction(action);
        return b;
    }

    private Node centre() {
        HBox charts = new HBox(8, loss.node(), accuracy.node());
        HBox.setHgrow(loss.node(), Priority.ALWAYS);
        HBox.setHgrow(accuracy.node(), Priority.ALWAYS);
        loss.node().setPrefHeight(250);
        accuracy.node().setPrefHeight(250);
        loss.node().setMinHeight(220);
        accuracy.node().setMinHeight(220);
        EvaluationModel eval = vm.evaluation();
        // Matrix, table and reliability side by side while they fit, wrapped onto the next line when they do not:
        // each keeps its size (a wide matrix scrolls sideways within the pane's width), nothing is squeezed.
        FlowPane evaluation = new FlowPane(24, 16);
        ConfusionMatrixView matrix = new ConfusionMatrixView(eval, vm.session()::colourOf);
        evaluation.getChildren().addAll(matrix.node(), new ClassMetricsTable(eval, vm.session()::colourOf).node(),
                new ReliabilityDiagram(eval).node());
        evaluation.setId("evaluation");
        VBox centre = new VBox(10, charts, ChartLegend.create(), new ComparePanel(vm).node(), evaluation, misclassified.node());
        centre.setPadding(new Insets(8, 12, 12, 12));
        ScrollPane scroll = new ScrollPane(centre);
        scroll.setFitToWidth(true);
        matrix.fitWithin(Bindings.createDoubleBinding(() -> scroll.getViewportBounds().getWidth()
                - centre.getPadding().getLeft() - centre.getPadding().getRight(), scroll.viewportBoundsProperty()));
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }
}
