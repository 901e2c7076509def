package dev.loupe.ui.app;

import dev.loupe.ui.common.DialogKeys;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.io.InputStream;

/** Help › About Loupe: the version, then the bundled data's and weights' licences in full, one tab each. */
final class AboutDialog {

    private AboutDialog() {
    }

    static void show(Stage owner, AboutInfo info) {
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
                tab("Sample flowers (CC BY 2.0)", info.sampleDatasetLicence()),
                tab("MobileNetV2 weights (Apache 2.0)", info.weightsNotice()));
        licences.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        licences.setPrefSize(640, 320);
        about.getDialogPane().setContent(new VBox(12, blurb, licences));
        DialogKeys.closeOnRelease(about).showAndWait();
    }

    private static Tab tab(String title, String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        return new Tab(title, area);
    }
}
