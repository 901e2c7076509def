package dev.loupe.ui.train;

import dev.loupe.engine.evaluation.Misclassified;
import dev.loupe.ui.common.HeatMapService;
import dev.loupe.ui.common.ThumbnailService;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The images of the chosen confusion-matrix cell, with the class names as drop targets: drag a thumbnail onto the
 * class it belongs to (or use its "Move to" menu) and the file moves, undoably. Thumbnails come from the studio's
 * {@link ThumbnailService}; tiles replaced before their images arrive drop their interest in them. "Show what it
 * looked at" shows the clicked image's heat maps for the predicted and the labelled class ({@link MistakeMaps}).
 */
final class MisclassifiedStrip {

    private static final double TILE = 88;
    private final EvaluationModel model;
    private final FlowPane tiles = new FlowPane(8, 8);
    /** The classes to drop an image on: they wrap onto more lines rather than squeeze 10 or 30 names into one. */
    private final FlowPane targets = new FlowPane(6, 6);
    private final VBox root;
    private final ThumbnailService thumbnails;
    private final List<Runnable> loading = new ArrayList<>();
    private final MistakeMaps maps;
    private Misclassified chosen;

    MisclassifiedStrip(EvaluationModel model, ThumbnailService thumbnails, HeatMapService heatMaps) {
        this.model = model;
        this.thumbnails = thumbnails;
        this.maps = new MistakeMaps(heatMaps);
        Label title = new Label();
        title.textProperty().bind(model.cellProperty().map(c -> c.isEmpty()
                ? "Misclassified images: click a red cell of the matrix" : c));
        title.getStyleClass().add("section-title");
        title.setId("cell-title");
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().addAll("text-muted", "text-small");
        tiles.setId("misclassified");
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        scroll.setPrefHeight(TILE + 40);
        scroll.getStyleClass().add("edge-to-edge");
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the toggle wraps first
        HBox heading = new HBox(16, title, maps.controls());
        heading.setAlignment(Pos.CENTER_LEFT);
        root = new VBox(6, heading, targets, scroll, maps.pair(), message);
        model.cellImages().addListener((ListChangeListener<Misclassified>) c -> rebuild());
        model.modelProperty().addListener(o -> choose(chosen));
        maps.shownProperty().addListener((o, was, now) -> {
            if (now && chosen == null && !model.cellImages().isEmpty()) {
                choose(model.cellImages().get(0));
            }
        });
        model.reportProperty().addListener((o, was, now) -> rebuildTargets(now == null ? List.of() : now.labels()));
    }

    Node node() {
        return root;
    }

    private void rebuildTargets(List<String> labels) {
        targets.getChildren().clear();
        if (labels.isEmpty()) {
            return;
        }
        Label lead = new Label("Drop on a class to move:");
        lead.getStyleClass().add("text-muted");
        targets.getChildren().add(lead);
        targets.setAlignment(Pos.CENTER_LEFT);
        lead.setMinWidth(Label.USE_PREF_SIZE);
        for (String label : labels) {
            Label chip = new Label(label);
            chip.setId("move-target-" + label);
            chip.getStyleClass().add("class-chip");
            chip.setMinWidth(Label.USE_PREF_SIZE);
            chip.setOnDragOver(e -> {
                if (e.getDragboard().hasString()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            chip.setOnDragDropped(e -> {
                boolean ok = e.getDragboard().hasString();
                if (ok) {
                    model.move(e.getDragboard().getString(), label);
                }
                e.setDropCompleted(ok);
                e.consume();
            });
            targets.getChildren().add(chip);
        }
    }

    private void rebuild() {
        List<String> labels = model.reportProperty().get() == null ? List.of()
                : model.reportProperty().get().labels();
        loading.forEach(Runnable::run);
        loading.clear();
        tiles.getChildren().setAll(model.cellImages().stream().map(m -> tile(m, labels)).toList());
        choose(model.cellImages().contains(chosen) ? chosen
                : maps.shownProperty().get() && !model.cellImages().isEmpty() ? model.cellImages().get(0) : null);
    }

    /** Shows the heat maps of {@code m} (null: none) and marks its tile. */
    private void choose(Misclassified m) {
        chosen = m;
        int at = model.cellImages().indexOf(m);
        for (int i = 0; i < tiles.getChildren().size(); i++) {
            tiles.getChildren().get(i).getStyleClass().remove("chosen");
            if (i == at) {
                tiles.getChildren().get(i).getStyleClass().add("chosen");
            }
        }
        maps.show(model.modelProperty().get(), m, m == null ? null : model.file(m).orElse(null));
    }

    private Node tile(Misclassified m, List<String> labels) {
        ImageView view = new ImageView();
        view.setFitWidth(TILE);
        view.setFitHeight(TILE);
        view.setPreserveRatio(true);
        Label caption = new Label(String.format(Locale.ROOT, "%s %.0f%%", m.predicted(), 100 * m.probability()));
        caption.getStyleClass().add("text-small");
        VBox tile = new VBox(2, view, caption);
        tile.getStyleClass().add("misclassified-tile");
        tile.setAlignment(Pos.CENTER);
        tile.setPrefWidth(TILE + 8);
        ContextMenu menu = new ContextMenu();
        for (String label : labels) {
            MenuItem item = new MenuItem("Move to " + label);
            item.setOnAction(e -> model.move(m.relativePath(), label));
            menu.getItems().add(item);
        }
        tile.setOnContextMenuRequested(e -> menu.show(tile, e.getScreenX(), e.getScreenY()));
        tile.setOnMouseClicked(e -> choose(m));
        tile.setOnDragDetected(e -> {
            Dragboard db = tile.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.putString(m.relativePath());
            db.setContent(content);
            e.consume();
        });
        model.file(m).ifPresent(file -> loading.add(thumbnails.show(file, view)));
        return tile;
    }
}
