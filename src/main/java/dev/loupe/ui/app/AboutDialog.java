package dev.loupe.ui.app;

import dev.loupe.ui.common.DialogKeys;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import java.io.InputStream;
import java.util.List;

/**
 * Help › About Loupe: the version, then the bundled data's and weights' licences in full, one tab each. A licence is
 * a list of its lines, not a TextArea: the flowers' photo credits are 418 KB, and a wrapping TextArea laid all of
 * that out before its first paint, so the dialog stood blank for seconds. A ListView lays out only the visible lines.
 */
final class AboutDialog {

    private AboutDialog() {
    }

    static void show(Stage owner, AboutInfo info) {
        DialogKeys.closeOnRelease(create(owner, info)).showAndWait();
    }

    static Alert create(Stage owner, AboutInfo info) {
        Alert about = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        about.initOwner(owner);
        about.setTitle("About Loupe");
        about.setHeaderText("Loupe " + info.version());
        try (InputStream png = AboutDialog.class.getResourceAsStream("/loupe/icons/loupe-64.png")) {
            if (png != null) {
                about.setGraphic(new ImageView(new Image(png)));
            }
        } catch (java.io.IOException ignored) {
            // closing a class-path stream does not fail in practice; the dialog simply has no logo then
        }
        Label blurb = new Label("Train image classifiers by transfer learning, on your own computer.");
        TabPane licences = new TabPane(
                tab("Sample flowers (CC BY 2.0)", info.sampleDatasetLicence(), "sample-licence"),
                tab("MobileNetV2 weights (Apache 2.0)", info.weightsNotice(), "weights-licence"));
        licences.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        licences.setPrefSize(640, 320);
        licences.setId("about-licences");
        about.getDialogPane().setContent(new VBox(12, blurb, licences));
        return about;
    }

    private static Tab tab(String title, String text, String id) {
        ListView<String> lines = new ListView<>();
        lines.getItems().setAll(List.of(text.split("\\R", -1)));
        lines.setCellFactory(v -> new Line());
        lines.getStyleClass().add("licence-text");
        lines.setId(id);
        return new Tab(title, lines);
    }

    /**
     * One line of a licence, wrapped to the list's width: a Text with a wrapping width knows its height, where a
     * wrapping cell label cut a three-line paragraph to two and an ellipsis.
     */
    private static final class Line extends ListCell<String> {
        private final Text text = new Text();

        Line() {
            setPrefWidth(0);
            listViewProperty().addListener((o, was, list) -> {
                if (list != null) {
                    text.wrappingWidthProperty().bind(list.widthProperty().subtract(32));
                }
            });
            text.getStyleClass().add("licence-line");
        }

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            text.setText(empty || line == null ? "" : line);
            setGraphic(empty || line == null ? null : text);
        }
    }
}
