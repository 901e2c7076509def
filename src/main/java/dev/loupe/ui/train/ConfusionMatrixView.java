package dev.loupe.ui.train;

import dev.loupe.engine.evaluation.EvaluationReport;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as a heat map: rows are the actual class, columns the predicted one, each cell holds its count
 * and is shaded by its share of the row (green on the diagonal, red elsewhere). Clicking a cell lists its images.
 */
final class ConfusionMatrixView {

    private static final double CELL = 46;
    private final EvaluationModel model;
    private final GridPane grid = new GridPane();
    private final VBox root;

    ConfusionMatrixView(EvaluationModel model) {
        this.model = model;
        grid.getStyleClass().add("confusion-matrix");
        grid.setId("confusion-matrix");
        grid.setHgap(2);
        grid.setVgap(2);
        Label title = new Label("Confusion matrix");
        title.getStyleClass().add("section-title");
        Label hint = new Label("rows: actual · columns: predicted · click a cell");
        hint.getStyleClass().addAll("text-muted", "text-small");
        root = new VBox(6, title, hint, grid);
        model.reportProperty().addListener((o, was, now) -> show(now));
        show(model.reportProperty().get());
    }

    Node node() {
        return root;
    }

    private void show(EvaluationReport r) {
        grid.getChildren().clear();
        if (r == null) {
            return;
        }
        List<String> labels = r.labels();
        for (int c = 0; c < labels.size(); c++) {
            Label head = new Label(abbreviate(labels.get(c)));
            head.setTooltip(new Tooltip("predicted " + labels.get(c)));
            head.setMinWidth(CELL);
            head.setMaxWidth(CELL);
            head.setAlignment(Pos.CENTER);
            head.getStyleClass().add("cm-header");
            grid.add(head, c + 1, 0);
        }
        for (int a = 0; a < labels.size(); a++) {
            Label head = new Label(labels.get(a));
            head.getStyleClass().add("cm-header");
            grid.add(head, 0, a + 1);
            int rowTotal = 0;
            for (int p = 0; p < labels.size(); p++) {
                rowTotal += r.confusion()[a][p];
            }
            for (int p = 0; p < labels.size(); p++) {
                grid.add(cell(labels.get(a), labels.get(p), r.confusion()[a][p], rowTotal, a == p, a, p), p + 1, a + 1);
            }
        }
    }

    private Label cell(String actual, String predicted, int count, int rowTotal, boolean diagonal, int a, int p) {
        Label cell = new Label(Integer.toString(count));
        cell.setId("cm-" + a + "-" + p);
        cell.getStyleClass().add("cm-cell");
        cell.setMinSize(CELL, CELL);
        cell.setPrefSize(CELL, CELL);
        cell.setAlignment(Pos.CENTER);
        double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
        double alpha = count == 0 ? 0.04 : 0.15 + 0.8 * share;
        String rgb = diagonal ? "26,127,55" : "207,34,46";
        cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%s,%.2f);%s", rgb, alpha,
                alpha > 0.55 ? " -fx-text-fill: white;" : ""));
        cell.setTooltip(new Tooltip(count + " labelled " + actual + ", predicted " + predicted));
        cell.setOnMouseClicked(e -> model.showCell(actual, predicted));
        return cell;
    }

    private static String abbreviate(String label) {
        return label.length() <= 6 ? label : label.substring(0, 5) + "…";
    }
}
