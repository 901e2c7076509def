package dev.loupe.ui.classify;

import dev.loupe.ui.common.ThumbnailService;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;

/**
 * The thumbnail card shown beside the point under the mouse (or pinned by a click), from the studio's thumbnail
 * service. The image is requested only when the point changes (the size only rescales it): asking again on every
 * mouse-moved event restarted the load each time, so while the mouse kept moving over a point the card showed its
 * label with an empty image.
 */
final class HoverCard {

    private static final double GAP = 14;

    private final ThumbnailService thumbnails;
    private final ImageView image = new ImageView();
    private final Label label = new Label();
    private final VBox card = new VBox(4, image, label);
    private Path shown;
    private Runnable release = () -> { };

    HoverCard(ThumbnailService thumbnails) {
        this.thumbnails = thumbnails;
        card.getStyleClass().add("scatter-hover");
        card.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        card.setMouseTransparent(true);
        card.setVisible(false);
        StackPane.setAlignment(card, Pos.TOP_LEFT);
        image.setPreserveRatio(true);
    }

    VBox node() { return card; }

    /** Shows point {@code index} of {@code d} beside (x, y) in an area {@code w} x {@code h}; -1 hides the card. */
    void show(ScatterData d, int index, double x, double y, double size, double w, double h) {
        if (index < 0 || d == null || index >= d.size()) {
            hide();
            return;
        }
        Path file = d.files().get(index);
        if (!file.equals(shown)) {
            release.run();
            release = thumbnails.show(file, image);
            shown = file;
        }
        image.setFitWidth(size);
        image.setFitHeight(size);
        label.setText(ScatterData.shown(d.classes().get(d.classOf()[index])) + " · " + file.getFileName());
        // Right of and below the cursor; flipped to the other side near an edge, so the card never hides the point.
        double cardW = size + 24;
        double cardH = size + 50;
        card.setTranslateX(x + GAP + cardW <= w ? x + GAP : Math.max(0, x - GAP - cardW));
        card.setTranslateY(y + GAP + cardH <= h ? y + GAP : Math.max(0, y - GAP - cardH));
        card.setVisible(true);
    }

    void hide() {
        card.setVisible(false);
    }

    boolean isShowing() {
        return card.isVisible();
    }
}
