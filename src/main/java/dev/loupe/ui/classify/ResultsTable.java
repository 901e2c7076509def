package dev.loupe.ui.classify;

import dev.loupe.engine.inference.LabelScore;
import dev.loupe.ui.common.ThumbnailService;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** Every photo of the last drop, sortable by any column; selecting a row shows it in the card and on the map. */
final class ResultsTable {

    private ResultsTable() {
    }

    static TableView<ClassifiedImage> create(ClassifyViewModel vm, ThumbnailService thumbnails) {
        TableView<ClassifiedImage> table = new TableView<>(vm.results());
        table.setId("results-table");
        TableColumn<ClassifiedImage, Path> thumb = new TableColumn<>("");
        thumb.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().file()));
        thumb.setCellFactory(c -> new TableCell<>() {
            private final ImageView view = new ImageView();
            private Runnable release = () -> { };
            {
                view.setFitWidth(40);
                view.setFitHeight(40);
                view.setPreserveRatio(true);
            }
            @Override
            protected void updateItem(Path file, boolean empty) {
                super.updateItem(file, empty);
                release.run();
                release = () -> { };
                view.setImage(null);
                if (!empty && file != null) {
                    release = thumbnails.show(file, view);
                }
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
