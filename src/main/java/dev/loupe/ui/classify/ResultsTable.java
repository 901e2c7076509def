package dev.loupe.ui.classify;

import dev.loupe.engine.inference.LabelScore;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** Every photo of the last drop, sortable by any column; selecting a row shows it in the card and on the map. */
final class ResultsTable {

    private ResultsTable() {
    }

    static TableView<ClassifiedImage> create(ClassifyViewModel vm) {
        TableView<ClassifiedImage> table = new TableView<>(vm.results());
        table.setId("results-table");
        TableColumn<ClassifiedImage, Path> thumb = new TableColumn<>("");
        thumb.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().file()));
        thumb.setCellFactory(c -> new TableCell<>() {
            private final ImageView view = new ImageView();
            @Override
            protected void updateItem(Path file, boolean empty) {
                super.updateItem(file, empty);
                view.setImage(empty || file == null ? null
                        : new Image(file.toUri().toString(), 40, 40, true, true, true));
                setGraphic(empty ? null : view);
            }
        });
        thumb.setPrefWidth(52);
        thumb.setSortable(false);
        TableColumn<ClassifiedImage, String> file = new TableColumn<>("File");
        file.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().file().getFileName().toString()));
        file.setPrefWidth(220);
        TableColumn<ClassifiedImage, String> label = new TableColumn<>("Label");
        label.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().prediction().ok()
                ? c.getValue().label() : "— " + c.getValue().prediction().error()));
        TableColumn<ClassifiedImage, Double> probability = new TableColumn<>("Probability");
        probability.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().probability()));
        probability.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : ResultCard.pct(p) + (p < 0.5 ? "  (uncertain)" : ""));
            }
        });
        TableColumn<ClassifiedImage, String> top = new TableColumn<>("Top " + ClassifyViewModel.TOP_K);
        top.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().prediction().top().stream()
                .map(ResultsTable::score).collect(Collectors.joining(", "))));
        top.setPrefWidth(280);
        table.getColumns().setAll(java.util.List.of(thumb, file, label, probability, top));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.select(now);
            }
        });
        table.setPlaceholder(new javafx.scene.control.Label("Drop several photos or a folder to fill this table."));
        return table;
    }

    private static String score(LabelScore s) {
        return s.label() + " " + ResultCard.pct(s.probability());
    }
}
