package dev.loupe.ui.train;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;

/**
 * One legend for both charts, drawn with the same strokes as train.css gives the series. The charts' own legends
 * would repeat it twice and list the compared series even when nothing is compared.
 */
final class ChartLegend {

    private ChartLegend() {
    }

    static Node create() {
        HBox box = new HBox(16, item("Training", "#0969da", false), item("Validation", "#d1242f", false),
                item("Kept weights", "#1a7f37", true), item("Compared run (dashed)", "#8c959f", true));
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("chart-legend-row");
        return box;
    }

    private static Node item(String name, String colour, boolean dashed) {
        Line line = new Line(0, 0, 22, 0);
        line.setStroke(Color.web(colour));
        line.setStrokeWidth(2.5);
        if (dashed) {
            line.getStrokeDashArray().setAll(5.0, 4.0);
        }
        Label label = new Label(name, line);
        label.getStyleClass().add("text-small");
        return label;
    }
}
