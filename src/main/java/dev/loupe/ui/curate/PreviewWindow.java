package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.ui.common.DialogKeys;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** A large view of one image, opened by double-click or Enter; Escape closes it. Loads in the background. */
final class PreviewWindow {

    private PreviewWindow() {
    }

    static Stage show(Node owner, ImageEntry entry) {
        // Background loading keeps the FX thread free while a large photo decodes; the spinner shows until then.
        Image image = new Image(entry.file().toUri().toString(), 2400, 2400, true, true, true);
        ImageView view = new ImageView(image);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.visibleProperty().bind(image.progressProperty().lessThan(1));
        StackPane centre = new StackPane(view, spinner);
        centre.getStyleClass().add("preview-centre");
        view.fitWidthProperty().bind(centre.widthProperty().subtract(24));
        view.fitHeightProperty().bind(centre.heightProperty().subtract(24));
        Label caption = new Label();
        caption.getStyleClass().addAll("text-muted", "preview-caption");
        Runnable describe = () -> caption.setText(entry.relativePath() + (image.getWidth() > 0
                ? "   ·   " + (int) image.getWidth() + " × " + (int) image.getHeight() + " px (as shown)" : ""));
        image.progressProperty().addListener((o, was, now) -> describe.run());
        describe.run();
        BorderPane root = new BorderPane(centre, null, null, caption, null);
        root.getStyleClass().add("preview");
        Stage stage = new Stage();
        stage.initOwner(owner.getScene().getWindow());
        stage.setTitle(entry.file().getFileName() + " — " + entry.label());
        Scene scene = new Scene(root, 1000, 760);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        DialogKeys.escapeClosesOnRelease(stage, root);
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
