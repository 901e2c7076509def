package dev.loupe.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A photo with its heat map laid over it while its {@link HeatMapControls} say so, and a line saying which class the
 * map is of (or why there is none). The overlay has the photo's aspect ratio and the photo view's fit, so the two
 * coincide. Asks {@link HeatMapService} for the map of the target set last; an older answer is dropped. FX thread.
 */
public final class HeatMapLayer {

    private final HeatMapService service;
    private final HeatMapControls controls;
    private final ImageView overlay = new ImageView();
    private final Label caption = new Label();
    private final VBox root;
    private Target target;
    private Runnable pending = () -> { };

    /** What to show: a photo under a model, for a class (null: its most probable one). */
    private record Target(Path model, Path image, String label) {
    }

    /** Lays the map over {@code photo}, which the caller sizes and fills. */
    public HeatMapLayer(HeatMapService service, HeatMapControls controls, ImageView photo) {
        this.service = service;
        this.controls = controls;
        overlay.setId("heatmap-overlay");
        overlay.setPreserveRatio(true);
        overlay.setSmooth(true);
        overlay.setMouseTransparent(true);
        overlay.fitWidthProperty().bind(photo.fitWidthProperty());
        overlay.fitHeightProperty().bind(photo.fitHeightProperty());
        overlay.opacityProperty().bind(controls.opacityProperty());
        overlay.visibleProperty().bind(controls.shownProperty());
        caption.setId("heatmap-caption");
        caption.getStyleClass().addAll("text-muted", "text-small", "heatmap-caption");
        caption.setWrapText(true);
        caption.visibleProperty().bind(controls.shownProperty());
        caption.managedProperty().bind(caption.visibleProperty());
        root = new VBox(4, new StackPane(photo, overlay), caption);
        root.setAlignment(javafx.geometry.Pos.CENTER);
        controls.shownProperty().addListener((o, was, now) -> refresh());
    }

    public Node node() {
        return root;
    }

    /**
     * Shows {@code image} under {@code model} (null: none yet) for {@code label} (null: the most probable class);
     * computed now if the maps are shown, else when they are.
     */
    public void show(Path model, Path image, String label) {
        Target next = image == null ? null : new Target(model, image, label);
        if (next != null && next.equals(target)) {
            return;
        }
        target = next;
        overlay.setImage(null);
        refresh();
    }

    private void refresh() {
        pending.run();
        pending = () -> { };
        Target t = target;
        if (!controls.shownProperty().get() || t == null || overlay.getImage() != null) {
            return;
        }
        if (t.model() == null) {
            caption.setText("No model to ask yet: train one in Train, or choose a model file in Classify.");
            return;
        }
        caption.setText("Looking at what the model saw…");
        pending = service.compute(t.model(), t.image(), t.label(), result -> {
            if (t != target) {
                return;
            }
            pending = () -> { };
            overlay.setImage(result.overlay());
            caption.setText(result.problem() != null ? result.problem()
                    : String.format(Locale.ROOT, "Where it saw %s (%.0f%%): red most, blue not at all",
                    result.label(), 100 * result.probability()));
        });
    }

    /** The overlay's view (tests read its image). */
    ImageView overlay() {
        return overlay;
    }

    public Label caption() {
        return caption;
    }
}
