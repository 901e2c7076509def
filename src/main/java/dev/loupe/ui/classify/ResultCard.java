package dev.loupe.ui.classify;

import dev.loupe.engine.inference.LabelScore;
import dev.loupe.ui.common.EmptyState;
import dev.loupe.ui.common.HeatMapControls;
import dev.loupe.ui.common.HeatMapLayer;
import dev.loupe.ui.common.ThumbnailService;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

import java.util.Locale;

/**
 * The left column: the current photo, its top labels as bars, "Add to class", and the similar-images strip. The photo
 * is shown larger than a thumbnail, so it alone is decoded from the file at the card's size (like Curate's preview).
 * "Show what it looked at" lays the heat map of the top class over the photo, or of the class clicked in the list.
 */
final class ResultCard {

    private final ClassifyViewModel vm;
    private final ThumbnailService thumbnails;
    private final StackPane root = new StackPane();
    private final ImageView photo = new ImageView();
    private final HeatMapControls heatControls = new HeatMapControls();
    private final HeatMapLayer heatMap;
    private final Node empty = EmptyState.of(MaterialDesignI.IMAGE_SEARCH_OUTLINE, "Drop photos here",
            "Drop a photo or a folder onto this pane, paste one, or use Open images…, to classify it and see where "
                    + "it lands on the map.");

    ResultCard(ClassifyViewModel vm, ThumbnailService thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        root.getStyleClass().add("result-card");
        root.setId("result-card");
        root.setMinWidth(300);
        root.setPrefWidth(360);
        photo.setPreserveRatio(true);
        // Follows the column's width (minus padding), so a narrow column never needs a horizontal scroll bar.
        photo.fitWidthProperty().bind(javafx.beans.binding.Bindings.max(120, root.widthProperty().subtract(40)));
        photo.setFitHeight(240);
        photo.setId("result-photo");
        heatMap = new HeatMapLayer(vm.session().heatMaps(), heatControls, photo);
        vm.currentProperty().addListener(o -> refresh());
        vm.classes().addListener((javafx.collections.ListChangeListener<String>) c -> refresh());
        refresh();
    }

    Node root() {
        return root;
    }

    private void refresh() {
        ClassifiedImage r = vm.currentProperty().get();
        if (r == null) {
            root.getChildren().setAll(empty);
            return;
        }
        photo.setImage(new Image(r.file().toUri().toString(), 480, 320, true, true, true));
        heatMap.show(vm.modelProperty().get(), r.prediction().ok() ? r.file() : null, null);
        Label file = new Label(r.file().getFileName().toString());
        file.getStyleClass().add("text-muted");
        VBox box = new VBox(10, heatMap.node(), file);
        if (r.prediction().ok()) {
            box.getChildren().add(heatControls.node());
        }
        if (!r.prediction().ok()) {
            Label error = new Label("Could not classify: " + r.prediction().error());
            error.getStyleClass().add("danger");
            error.setWrapText(true);
            box.getChildren().add(error);
        } else {
            Label headline = new Label(r.label() + "  " + pct(r.probability()));
            headline.getStyleClass().add("title-3");
            headline.setId("result-label");
            box.getChildren().add(headline);
            if (r.unfamiliar()) {
                // The classifier names one of its classes whatever it is shown; the neighbours tell the truth.
                Label far = new Label(String.format(Locale.ROOT, "This photo does not look like anything in your "
                        + "dataset (its most similar image is only %.2f alike): the label is a guess.",
                        r.nearestSimilarity()), new FontIcon(MaterialDesignA.ALERT_OUTLINE));
                far.getStyleClass().addAll("warning", "low-confidence");
                far.setId("unfamiliar");
                far.setWrapText(true);
                far.setMinHeight(Region.USE_PREF_SIZE);
                box.getChildren().add(far);
            } else if (!r.prediction().confident()) {
                Label unsure = new Label("Low confidence: the model is not sure; this is only its best guess.",
                        new FontIcon(MaterialDesignA.ALERT_OUTLINE));
                unsure.getStyleClass().addAll("warning", "low-confidence");
                unsure.setId("low-confidence");
                unsure.setWrapText(true);
                box.getChildren().add(unsure);
            }
            java.util.List<Node> rows = new java.util.ArrayList<>();
            for (LabelScore s : r.prediction().top()) {
                Node row = bar(s);
                // A click shows the map of this class instead of the top one (a filter: the bar consumes clicks).
                row.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
                    rows.forEach(x -> x.getStyleClass().remove("chosen"));
                    row.getStyleClass().add("chosen");
                    heatMap.show(vm.modelProperty().get(), r.file(), s.label());
                });
                rows.add(row);
            }
            if (!rows.isEmpty()) {
                rows.get(0).getStyleClass().add("chosen");
            }
            box.getChildren().addAll(rows);
            box.getChildren().add(addButton(r));
        }
        box.getChildren().add(SimilarStrip.of(r, thumbnails));
        box.getStyleClass().add("result-box");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        root.getChildren().setAll(scroll);
    }

    private static Node bar(LabelScore s) {
        Label name = new Label(s.label());
        name.setMinWidth(96);
        name.getStyleClass().add("score-label");
        ProgressBar bar = new ProgressBar(s.probability());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label value = new Label(pct(s.probability()));
        value.setMinWidth(52);
        value.setAlignment(Pos.CENTER_RIGHT);
        HBox row = new HBox(8, name, bar, value);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("score-row");
        return row;
    }

    private Node addButton(ClassifiedImage r) {
        SplitMenuButton add = new SplitMenuButton();
        add.setId("add-to-class");
        add.setText("Add to “" + r.label() + "”");
        add.setOnAction(e -> vm.addToClass(r, r.label()));
        for (String c : vm.classes()) {
            MenuItem item = new MenuItem("Add to “" + c + "”");
            item.setOnAction(e -> vm.addToClass(r, c));
            add.getItems().add(item);
        }
        add.setDisable(!vm.classes().contains(r.label()));
        return add;
    }

    static String pct(double p) {
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * p);
    }
}
