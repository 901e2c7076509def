package dev.loupe.ui.classify;

import dev.loupe.ui.common.ThumbnailService;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** "Similar images": the dataset images nearest the photo in feature space, with their class and similarity. */
final class SimilarStrip {

    private SimilarStrip() {
    }

    static Node of(ClassifiedImage r, ThumbnailService thumbnails) {
        Label heading = new Label("Similar images in the dataset");
        heading.getStyleClass().add("section-heading");
        if (r.similar().isEmpty()) {
            Label none = new Label(r.placement() == null ? "They appear once the dataset map is ready." : "None.");
            none.getStyleClass().add("text-muted");
            return new VBox(6, heading, none);
        }
        HBox strip = new HBox(8);
        strip.setId("similar-strip");
        for (ClassifiedImage.SimilarImage s : r.similar()) {
            ImageView thumb = new ImageView();
            thumbnails.show(s.file(), thumb);
            thumb.setFitWidth(84);
            thumb.setFitHeight(84);
            thumb.setPreserveRatio(true);
            Label label = new Label(ScatterData.shown(s.label()));
            label.getStyleClass().add("similar-label");
            Label sim = new Label(String.format(Locale.ROOT, "%.2f", s.similarity()));
            sim.getStyleClass().addAll("text-muted", "similar-score");
            VBox cell = new VBox(2, thumb, label, sim);
            cell.setAlignment(Pos.TOP_CENTER);
            cell.getStyleClass().add("similar-cell");
            strip.getChildren().add(cell);
        }
        ScrollPane scroll = new ScrollPane(strip);
        scroll.setFitToHeight(true);
        scroll.setPrefViewportHeight(130);
        scroll.getStyleClass().add("edge-to-edge");
        return new VBox(6, heading, scroll);
    }
}
