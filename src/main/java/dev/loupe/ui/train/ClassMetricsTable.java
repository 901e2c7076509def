package dev.loupe.ui.train;

import dev.loupe.engine.evaluation.ClassMetrics;
import dev.loupe.engine.evaluation.EvaluationReport;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.List;
import java.util.function.Function;

/**
 * Overall accuracy and, per class, precision, recall, F1 and the number of evaluated images. Every column keeps the
 * width its header and its widest value need (the Class column grows with the longest name), and the table is as
 * tall as its rows up to {@link #MAX_ROWS}, so it is never squeezed: the page around it scrolls or wraps instead.
 */
final class ClassMetricsTable {

    static final int MAX_ROWS = 20;
    private static final double ROW = 28;
    private static final double HEADER = 34;
    private final TableView<ClassMetrics> table = new TableView<>();
    private final TableColumn<ClassMetrics, String> name;
    private final Label accuracy = new Label();
    private final Function<String, Color> colourOf;
    private final VBox root;

    ClassMetricsTable(EvaluationModel model, Function<String, Color> colourOf) {
        this.colourOf = colourOf;
        table.setId("class-metrics");
        table.getStyleClass().addAll("dense", "class-metrics");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        name = column("Class", ClassMetrics::label, 110);
        name.setCellFactory(c -> new NameCell());
        table.getColumns().setAll(List.of(name,
                column("Precision", m -> StageText.percent(m.precision()), 92),
                column("Recall", m -> StageText.percent(m.recall()), 80),
                column("F1", m -> StageText.percent(m.f1()), 70),
                column("Images", m -> Integer.toString(m.support()), 80)));
        table.setFixedCellSize(ROW);
        table.setMinWidth(Region.USE_PREF_SIZE);
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.setMaxHeight(Region.USE_PREF_SIZE);
        table.setPlaceholder(new Label("No evaluation yet"));
        accuracy.setId("overall-accuracy");
        accuracy.getStyleClass().add("section-title");
        accuracy.setMinWidth(Region.USE_PREF_SIZE);
        root = new VBox(6, accuracy, table);
        root.setMinWidth(Region.USE_PREF_SIZE);
        root.setMaxWidth(Region.USE_PREF_SIZE);
        model.reportProperty().addListener((o, was, now) -> show(now));
        show(model.reportProperty().get());
    }

    Node node() {
        return root;
    }

    private void show(EvaluationReport r) {
        List<ClassMetrics> rows = r == null ? List.of() : r.perClass();
        table.getItems().setAll(rows);
        accuracy.setText(r == null ? "Per class" : "Accuracy " + StageText.percent(r.accuracy()) + " on " + r.images()
                + " validation images");
        // The Class column takes its longest name (plus the colour dot and padding); the others their fixed widths.
        double longest = rows.stream().mapToDouble(m -> textWidth(m.label())).max().orElse(0);
        name.setPrefWidth(Math.max(110, longest + 44));
        double width = table.getColumns().stream().mapToDouble(TableColumn::getPrefWidth).sum();
        int shown = Math.max(3, Math.min(rows.size(), MAX_ROWS));
        boolean scrolls = rows.size() > MAX_ROWS;
        table.setPrefWidth(width + (scrolls ? 18 : 4));
        table.setPrefHeight(HEADER + shown * ROW + 4);
    }

    /** The width of {@code s} in the themes' 14 px font, with a tenth to spare for a bolder or wider face. */
    private static double textWidth(String s) {
        Text t = new Text(s);
        t.setFont(Font.font(14));
        return t.getLayoutBounds().getWidth() * 1.1;
    }

    private static TableColumn<ClassMetrics, String> column(String name, Function<ClassMetrics, String> value,
                                                           double width) {
        TableColumn<ClassMetrics, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.setSortable(false);
        return c;
    }

    /** The class name with its colour dot, as in the Curate list and on the map. */
    private final class NameCell extends TableCell<ClassMetrics, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            setGraphic(empty || item == null ? null : new Circle(4, colourOf.apply(item)));
        }
    }
}
