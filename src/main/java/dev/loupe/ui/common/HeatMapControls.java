package dev.loupe.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;

/**
 * The "Show what it looked at" toggle, the overlay's opacity and the colour legend, for one or more
 * {@link HeatMapLayer}s that follow them (Train shows the predicted and the true class's maps side by side under one
 * toggle). The legend's colours are {@code HeatMapPainter}'s, the same as {@code loupe explain}'s pictures.
 */
public final class HeatMapControls {

    /** The overlay's opacity where the map is hottest, as {@code loupe explain --opacity} defaults to. */
    static final double DEFAULT_OPACITY = 0.6;

    private final ToggleButton toggle = new ToggleButton("Show what it looked at",
            new FontIcon(MaterialDesignE.EYE_OUTLINE));
    private final Slider opacity = new Slider(0.1, 1, DEFAULT_OPACITY);
    private final HBox legend;
    private final FlowPane root;

    public HeatMapControls() {
        toggle.setId("heatmap-toggle");
        toggle.setTooltip(new Tooltip("Lays a heat map over the photo: where the model found what made it say the "
                + "class (red), and where it found nothing (blue)"));
        opacity.setId("heatmap-opacity");
        opacity.setPrefWidth(90);
        opacity.setTooltip(new Tooltip("The overlay's opacity"));
        ImageView bar = new ImageView(HeatMapService.legend(120, 10));
        Label cold = new Label("nothing");
        Label hot = new Label("most");
        cold.getStyleClass().addAll("text-muted", "text-small");
        hot.getStyleClass().addAll("text-muted", "text-small");
        legend = new HBox(4, cold, bar, hot);
        legend.setId("heatmap-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        Label opacityLabel = new Label("Opacity");
        opacityLabel.getStyleClass().addAll("text-muted", "text-small");
        HBox opacityBox = new HBox(6, opacityLabel, opacity);
        opacityBox.setAlignment(Pos.CENTER_LEFT);
        // Wraps below the toggle where the column is narrow (Classify's card).
        root = new FlowPane(10, 6, toggle, opacityBox, legend);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setMinWidth(0);
        for (Node extra : java.util.List.of(opacityBox, legend)) {
            extra.visibleProperty().bind(toggle.selectedProperty());
            extra.managedProperty().bind(extra.visibleProperty());
        }
        root.getStyleClass().add("heatmap-controls");
    }

    public Node node() {
        return root;
    }

    /** Whether the maps are shown. */
    public BooleanProperty shownProperty() {
        return toggle.selectedProperty();
    }

    /** The overlay's opacity where the map is hottest (0.1 to 1). */
    public DoubleProperty opacityProperty() {
        return opacity.valueProperty();
    }
}
