package dev.loupe.ui.train;

import dev.loupe.engine.runs.RunRecord;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The shown run and the compared one side by side (the compared run's curves are the dashed ones). */
final class ComparePanel {

    private final TrainViewModel vm;
    private final GridPane grid = new GridPane();
    private final VBox root;

    ComparePanel(TrainViewModel vm) {
        this.vm = vm;
        grid.setHgap(18);
        grid.setVgap(2);
        grid.setId("compare-table");
        Button clear = new Button("Stop comparing", new FontIcon(MaterialDesignC.CLOSE));
        clear.getStyleClass().addAll("flat", "small");
        clear.setOnAction(e -> vm.compareRunProperty().set(null));
        root = new VBox(4, new HBox(8, title(), clear), grid);
        root.getStyleClass().add("compare-panel");
        root.managedProperty().bind(root.visibleProperty());
        root.visibleProperty().bind(vm.compareRunProperty().isNotNull());
        vm.compareRunProperty().addListener((o, was, now) -> update());
        vm.shownRunProperty().addListener((o, was, now) -> update());
    }

    Node node() {
        return root;
    }

    private static Label title() {
        Label t = new Label("Comparison (dashed curves: the compared run)");
        t.getStyleClass().add("section-title");
        return t;
    }

    private void update() {
        grid.getChildren().clear();
        RunRecord a = vm.shownRunProperty().get();
        RunRecord b = vm.compareRunProperty().get();
        if (a == null || b == null) {
            return;
        }
        List<String> names = List.of("", "Name", "Backbone", "Validation accuracy", "Best epoch", "Epochs run", "ECE",
                "Duration", "Learning rate · hidden · dropout");
        List<Function<RunRecord, String>> values = List.of(
                r -> StageText.DATE.format(Instant.ofEpochMilli(r.startedAt())),
                vm::name,
                r -> vm.settings().displayName(r.config().backbone()),
                r -> StageText.percent(r.validationAccuracy()),
                r -> Integer.toString(r.bestEpoch()),
                r -> Integer.toString(r.history().size()),
                r -> r.evaluation() == null ? "–"
                        : String.format(Locale.ROOT, "%.3f", r.evaluation().calibrationError()),
                r -> StageText.duration(r.durationMillis()),
                r -> r.config().learningRate() + " · " + r.config().hiddenUnits() + " · " + r.config().dropout());
        for (int i = 0; i < names.size(); i++) {
            Label name = new Label(names.get(i));
            name.getStyleClass().add("text-muted");
            Label va = new Label(values.get(i).apply(a));
            Label vb = new Label(values.get(i).apply(b));
            if (i == 0) {
                va.setText("Shown: " + va.getText());
                vb.setText("Compared: " + vb.getText());
                va.getStyleClass().add("text-bold");
                vb.getStyleClass().add("text-bold");
            }
            grid.addRow(i, name, va, vb);
        }
    }
}
