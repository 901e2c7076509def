package dev.loupe.ui.train;

import dev.loupe.engine.evaluation.ClassMetrics;
import dev.loupe.engine.evaluation.EvaluationReport;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/** Overall accuracy and, per class, precision, recall, F1 and the number of evaluated images. */
final class ClassMetricsTable {

    private final TableView<ClassMetrics> table = new TableView<>();
    private final Label accuracy = new Label();
    private final VBox root;

    ClassMetricsTable(EvaluationModel model) {
        table.setId("class-metrics");
        table.getStyleClass().addAll("dense", "class-metrics");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(column("Class", ClassMetrics::label, 100),
                column("Precision", m -> StageText.percent(m.precision()), 78),
                column("Recall", m -> StageText.percent(m.recall()), 66),
                column("F1", m -> StageText.percent(m.f1()), 66),
                column("Images", m -> Integer.toString(m.support()), 62)));
        table.setPrefHeight(200);
        table.setPlaceholder(new Label("No evaluation yet"));
        accuracy.setId("overall-accuracy");
        accuracy.getStyleClass().add("section-title");
        root = new VBox(6, accuracy, table);
        model.reportProperty().addListener((o, was, now) -> show(now));
        show(model.reportProperty().get());
    }

    Node node() {
        return root;
    }

    private void show(EvaluationReport r) {
        table.getItems().setAll(r == null ? List.of() : r.perClass());
        accuracy.setText(r == null ? "Per class" : "Accuracy " + StageText.percent(r.accuracy()) + " on " + r.images()
                + " validation images");
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
}
