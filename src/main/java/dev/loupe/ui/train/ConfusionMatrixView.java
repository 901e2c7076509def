package dev.loupe.ui.train;

import dev.loupe.engine.evaluation.EvaluationReport;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The confusion matrix as a heat map: rows are the actual class, columns the predicted one, each cell holds its count
 * and its share of the row (an empty cell is blank), shaded by that share (green on the diagonal, red elsewhere).
 * Every class is named in full, with its colour: row names on the left, column names turned upright, so 30 classes
 * need no abbreviation. A matrix wider than the pane scrolls sideways rather than squeezing its cells. Clicking a
 * cell lists its images.
 */
final class ConfusionMatrixView {

    private final EvaluationModel model;
    private final Function<String, Color> colourOf;
    private final GridPane grid = new GridPane();
    private final VBox root;

    ConfusionMatrixView(EvaluationModel model, Function<String, Color> colourOf) {
        this.model = model;
        this.colourOf = colourOf;
        grid.getStyleClass().add("confusion-matrix");
        grid.setId("confusion-matrix");
        grid.setHgap(2);
        grid.setVgap(2);
        Label title = new Label("Confusion matrix");
        title.getStyleClass().add("section-title");
        Label hint = new Label("rows: actual class · columns: predicted · a cell: images and share of its row · "
                + "click a cell to see them");
        hint.getStyleClass().addAll("text-muted", "text-small");
        hint.setWrapText(true);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setId("confusion-scroll");
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // A viewport height makes the scroll pane leave room for its sideways bar instead of covering the last row.
        scroll.prefViewportHeightProperty().bind(grid.heightProperty());
        root = new VBox(6, title, hint, scroll);
        root.setMinWidth(260);
        hint.maxWidthProperty().bind(scroll.widthProperty());
        model.reportProperty().addListener((o, was, now) -> show(now));
        show(model.reportProperty().get());
    }

    Node node() {
        return root;
    }

    /**
     * Keeps the matrix within {@code room} (the page's width): as wide as its cells while they fit, else that wide
     * and scrolling sideways. It must be the preferred width: a flow lays a child out at its preferred width and
     * grows as wide as its widest child, so a 30-class matrix at full width made the whole page scroll sideways.
     */
    void fitWithin(ObservableDoubleValue room) {
        root.prefWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(root.getMinWidth(), Math.min(grid.getWidth() + 2, room.get())),
                grid.widthProperty(), room));
    }

    /** The side of a cell for {@code n} classes: roomy for a few, tighter for many, never too small for "100%". */
    static double cellSize(int n) {
        return n <= 8 ? 56 : n <= 15 ? 48 : 42;
    }

    private void show(EvaluationReport r) {
        grid.getChildren().clear();
        if (r == null) {
            return;
        }
        List<String> labels = r.labels();
        double cell = cellSize(labels.size());
        Label corner = new Label("actual ↓   predicted →");
        corner.getStyleClass().addAll("text-muted", "text-small");
        corner.setMinWidth(Region.USE_PREF_SIZE);
        GridPane.setHalignment(corner, javafx.geometry.HPos.RIGHT);
        GridPane.setValignment(corner, javafx.geometry.VPos.BOTTOM);
        grid.add(corner, 0, 0);
        for (int c = 0; c < labels.size(); c++) {
            grid.add(columnHead(labels.get(c), cell), c + 1, 0);
        }
        for (int a = 0; a < labels.size(); a++) {
            Label head = name(labels.get(a));
            head.setTooltip(new Tooltip("labelled " + labels.get(a)));
            GridPane.setHalignment(head, javafx.geometry.HPos.RIGHT);
            grid.add(head, 0, a + 1);
            int rowTotal = 0;
            for (int p = 0; p < labels.size(); p++) {
                rowTotal += r.confusion()[a][p];
            }
            for (int p = 0; p < labels.size(); p++) {
                grid.add(cell(labels.get(a), labels.get(p), r.confusion()[a][p], rowTotal, a, p, cell), p + 1, a + 1);
            }
        }
    }

    /** A class's name with its colour, never cut short. */
    private Label name(String label) {
        Label name = new Label(label, new Circle(4, colourOf.apply(label)));
        name.getStyleClass().add("cm-header");
        name.setMinWidth(Region.USE_PREF_SIZE);
        return name;
    }

    /** A column's class name turned upright; the Group makes the layout take the turned size. */
    private Node columnHead(String label, double cell) {
        Label name = name(label);
        name.setRotate(-90);
        name.setTooltip(new Tooltip("predicted " + label));
        StackPane holder = new StackPane(new Group(name));
        holder.setAlignment(Pos.BOTTOM_CENTER);
        holder.setMinWidth(cell);
        holder.setMaxWidth(cell);
        return holder;
    }

    private Label cell(String actual, String predicted, int count, int rowTotal, int a, int p, double size) {
        double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
        // An empty cell stays blank (its tooltip says 0), so the few confusions stand out among 900 cells.
        Label cell = new Label(count == 0 ? "" : count + "\n" + percent(share));
        cell.setId("cm-" + a + "-" + p);
        cell.getStyleClass().add("cm-cell");
        if (size < 48) {
            cell.getStyleClass().add("cm-cell-small");
        }
        cell.setMinSize(size, size);
        cell.setPrefSize(size, size);
        cell.setMaxSize(size, size);
        cell.setAlignment(Pos.CENTER);
        cell.setTextAlignment(TextAlignment.CENTER);
        double alpha = count == 0 ? 0.04 : 0.15 + 0.8 * share;
        String rgb = a == p ? "26,127,55" : "207,34,46";
        cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%s,%.2f);%s", rgb, alpha,
                alpha > 0.55 ? " -fx-text-fill: white;" : ""));
        cell.setTooltip(new Tooltip(count + " of " + rowTotal + " labelled " + actual + " (" + percent(share)
                + ") predicted " + predicted));
        cell.setOnMouseClicked(e -> model.showCell(actual, predicted));
        return cell;
    }

    /** A share as a whole percentage; a share that is not nothing never reads "0%". */
    static String percent(double share) {
        return share > 0 && share < 0.005 ? "<1%" : Math.round(share * 100) + "%";
    }
}
