package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.ui.common.DialogKeys;
import dev.loupe.ui.common.HeatMapControls;
import dev.loupe.ui.common.HeatMapLayer;
import dev.loupe.ui.common.HeatMapService;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A large view of one image, opened by double-click or Enter: Left and Right walk the images of the grid, Escape
 * closes it. The caption gives the file's own size in pixels (read from its header off the FX thread), not the size
 * it is drawn at. Loads in the background. "Show what it looked at" lays the heat map of the photo's most probable
 * class under the session's model over it.
 */
final class PreviewWindow {

    private final List<ImageEntry> images;
    private final ImageView view = new ImageView();
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label caption = new Label();
    private final Stage stage = new Stage();
    private final HeatMapControls heatControls = new HeatMapControls();
    private final HeatMapLayer heatMap;
    private final Supplier<Path> model;
    private int index;

    private PreviewWindow(List<ImageEntry> images, int index, HeatMapService heatMaps, Supplier<Path> model) {
        this.images = List.copyOf(images);
        this.index = index;
        this.model = model;
        this.heatMap = new HeatMapLayer(heatMaps, heatControls, view);
    }

    /** Opens the preview of {@code entry}; heat maps come from {@code heatMaps} under the model {@code model} gives. */
    static Stage show(Node owner, List<ImageEntry> images, ImageEntry entry, HeatMapService heatMaps,
                      Supplier<Path> model) {
        int at = Math.max(0, images.indexOf(entry));
        PreviewWindow w = new PreviewWindow(images.isEmpty() ? List.of(entry) : images, at, heatMaps, model);
        return w.open(owner);
    }

    private Stage open(Node owner) {
        view.setPreserveRatio(true);
        view.setSmooth(true);
        StackPane centre = new StackPane(heatMap.node(), spinner);
        centre.getStyleClass().add("preview-centre");
        view.fitWidthProperty().bind(centre.widthProperty().subtract(24));
        view.fitHeightProperty().bind(centre.heightProperty().subtract(48)); // room for the map's caption
        caption.getStyleClass().addAll("text-muted", "preview-caption");
        caption.setId("preview-caption");
        Node controls = heatControls.node();
        BorderPane.setMargin(controls, new javafx.geometry.Insets(8, 12, 0, 12));
        BorderPane.setMargin(caption, new javafx.geometry.Insets(4, 12, 8, 12));
        BorderPane root = new BorderPane(centre, controls, null, caption, null);
        root.getStyleClass().add("preview");
        stage.initOwner(owner.getScene().getWindow());
        Scene scene = new Scene(root, 1000, 760);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        DialogKeys.escapeClosesOnRelease(stage, root);
        // A filter: the heat-map toggle, once clicked, would take the arrows for focus traversal; the slider keeps them.
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT)
                    && !(e.getTarget() instanceof javafx.scene.control.Slider)) {
                showAt(index + (e.getCode() == KeyCode.LEFT ? -1 : 1));
                e.consume();
            }
        });
        stage.setScene(scene);
        showAt(index);
        stage.show();
        root.requestFocus();
        return stage;
    }

    private void showAt(int i) {
        index = Math.floorMod(i, images.size());
        ImageEntry entry = images.get(index);
        // Background loading keeps the FX thread free while a large photo decodes; the spinner shows until then.
        Image image = new Image(entry.file().toUri().toString(), 2400, 2400, true, true, true);
        view.setImage(image);
        heatMap.show(model.get(), entry.file(), null);
        spinner.visibleProperty().bind(image.progressProperty().lessThan(1));
        stage.setTitle(entry.file().getFileName() + " — " + entry.label());
        String where = entry.relativePath() + "   ·   " + (index + 1) + " of " + images.size();
        caption.setText(where);
        CompletableFuture.supplyAsync(() -> size(entry.file())).thenAccept(size -> Platform.runLater(() -> {
            if (images.get(index) == entry && size != null) {
                caption.setText(where + "   ·   " + size);
            }
        }));
    }

    /** "180 × 240 px" from the file's header, or null if no reader knows it. */
    static String size(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.getWidth(0) + " × " + reader.getHeight(0) + " px";
            } finally {
                reader.dispose();
            }
        } catch (Exception e) {
            return null;
        }
    }
}
