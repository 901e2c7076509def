package dev.loupe.ui.train;

import dev.loupe.engine.evaluation.Misclassified;
import dev.loupe.ui.common.HeatMapControls;
import dev.loupe.ui.common.HeatMapLayer;
import dev.loupe.ui.common.HeatMapService;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.nio.file.Path;

/**
 * What the shown run's model looked at in one misclassified image, side by side: its map for the class it predicted
 * and for the class the image is labelled with. Under one "Show what it looked at" toggle; the image is the tile the
 * user clicked in the strip.
 */
final class MistakeMaps {

    private static final double PHOTO_WIDTH = 300;
    private static final double PHOTO_HEIGHT = 220;

    private final HeatMapControls controls = new HeatMapControls();
    private final ImageView predictedPhoto = photo();
    private final ImageView actualPhoto = photo();
    private final HeatMapLayer predicted;
    private final HeatMapLayer actual;
    private final Label predictedTitle = title("heatmap-predicted");
    private final Label actualTitle = title("heatmap-actual");
    private final HBox pair;

    MistakeMaps(HeatMapService service) {
        predicted = new HeatMapLayer(service, controls, predictedPhoto);
        actual = new HeatMapLayer(service, controls, actualPhoto);
        pair = new HBox(16, new VBox(4, predictedTitle, predicted.node()), new VBox(4, actualTitle, actual.node()));
        pair.setId("mistake-maps");
        pair.visibleProperty().bind(controls.shownProperty());
        pair.managedProperty().bind(pair.visibleProperty());
    }

    /** The toggle, opacity and legend. */
    Node controls() {
        return controls.node();
    }

    /** The two photos with their maps, shown while the toggle is on. */
    Node pair() {
        return pair;
    }

    /** Whether the maps are shown. */
    javafx.beans.property.BooleanProperty shownProperty() {
        return controls.shownProperty();
    }

    /** Shows the maps of {@code m} (its file {@code file}) under {@code model}; a null {@code m} shows none. */
    void show(Path model, Misclassified m, Path file) {
        if (m == null || file == null) {
            predictedTitle.setText("Click an image above to see what the model looked at");
            actualTitle.setText("");
            predictedPhoto.setImage(null);
            actualPhoto.setImage(null);
            predicted.show(model, null, null);
            actual.show(model, null, null);
            return;
        }
        Image image = new Image(file.toUri().toString(), 2 * PHOTO_WIDTH, 2 * PHOTO_HEIGHT, true, true, true);
        predictedPhoto.setImage(image);
        actualPhoto.setImage(image);
        predictedTitle.setText("Why it said " + m.predicted() + " (predicted)");
        actualTitle.setText("What it saw of " + m.actual() + " (the label)");
        predicted.show(model, file, m.predicted());
        actual.show(model, file, m.actual());
    }

    private static ImageView photo() {
        ImageView view = new ImageView();
        view.setPreserveRatio(true);
        view.setFitWidth(PHOTO_WIDTH);
        view.setFitHeight(PHOTO_HEIGHT);
        return view;
    }

    private static Label title(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("section-title");
        return label;
    }
}
