package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.ui.common.ThumbnailService;
import dev.loupe.engine.inbox.Inbox;
import dev.loupe.engine.inbox.InboxPhoto;
import dev.loupe.engine.inbox.Suggestion;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.SetChangeListener;
import javafx.collections.WeakSetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;

import java.util.List;
import java.util.function.Consumer;

/**
 * One thumbnail in the grid: the image scaled to the zoom, the file name, a selected look. Clicks and drags go to the
 * view model; the cell waits for one thumbnail at a time and drops its interest when it is reused for another image.
 */
final class ThumbnailCell extends GridCell<ImageEntry> {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("chosen");

    private final CurateViewModel vm;
    private final ThumbnailService loader;
    private final ImageView view = new ImageView();
    private final Label name = new Label();
    private final VBox box;
    private final SetChangeListener<String> selectionListener = c -> updateSelected();
    private final InboxModel inbox;
    /**
     * An inbox photo's suggestion and marks, over the thumbnail's corner; made when first needed. Each node of a cell
     * has its CSS re-applied whenever the grid reuses the cell's row while scrolling, and a label is the most costly
     * kind (docs/benchmarks.md, Curate with 100,000 images), so a cell of a class has none.
     */
    private Label suggestion;
    private final StackPane frame;
    private final ChangeListener<Inbox> inboxListener = (o, was, now) -> updateSuggestion();
    /** Drops this cell's interest in the thumbnail it is waiting for; null when it waits for none. */
    private Runnable release;

    ThumbnailCell(CurateViewModel vm, ThumbnailService loader, Consumer<ImageEntry> open, InboxModel inbox) {
        this.vm = vm;
        this.loader = loader;
        this.inbox = inbox;
        inbox.inboxProperty().addListener(new WeakChangeListener<>(inboxListener));
        getStyleClass().add("thumbnail-cell");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        // Whole pixels: the thumbnail is scaled to exactly this box once, then drawn pixel for pixel (see showThumbnail).
        view.fitWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.floor(getWidth() - 12), widthProperty()));
        view.fitHeightProperty().bind(Bindings.createDoubleBinding(() -> Math.floor(getHeight() - 30),
                heightProperty()));
        view.fitWidthProperty().addListener((o, was, now) -> refit());
        view.fitHeightProperty().addListener((o, was, now) -> refit());
        frame = new StackPane(view);
        frame.getStyleClass().add("thumbnail-frame");
        frame.prefHeightProperty().bind(heightProperty().subtract(24));
        name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        name.getStyleClass().add("thumbnail-name");
        name.maxWidthProperty().bind(widthProperty());
        box = new VBox(2, frame, name);
        box.setAlignment(Pos.TOP_CENTER);
        // The graphic stays for the cell's life and is hidden when empty: the grid empties every cell of a reused row
        // before refilling it, and taking the graphic out and back in would re-apply CSS to it each time, which was
        // most of the FX thread's work while scrolling (see docs/benchmarks.md, Curate with 10,000 images).
        box.setVisible(false);
        setGraphic(box);
        // Weak: the grid may replace its cells (e.g. on zoom) and must be able to drop the old ones.
        vm.selection().addListener(new WeakSetChangeListener<>(selectionListener));
        setOnMouseClicked(e -> {
            if (getItem() == null || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            if (e.getClickCount() == 2) {
                open.accept(getItem());
            } else {
                vm.click(getItem().relativePath(), e.isShortcutDown(), e.isShiftDown());
            }
            e.consume();
        });
        setOnContextMenuRequested(e -> {
            if (getItem() == null) {
                return;
            }
            if (!vm.selection().contains(getItem().relativePath())) {
                vm.click(getItem().relativePath(), false, false);
            }
            ThumbnailMenu.of(vm, getItem()).show(this, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        setOnDragDetected(e -> {
            if (getItem() == null) {
                return;
            }
            if (!vm.selection().contains(getItem().relativePath())) {
                vm.click(getItem().relativePath(), false, false);
            }
            List<String> dragged = vm.selectedInOrder();
            ClipboardContent content = new ClipboardContent();
            content.put(DragFormats.IMAGES, DragFormats.encode(dragged));
            var db = startDragAndDrop(TransferMode.MOVE);
            db.setContent(content);
            if (view.getImage() != null) {
                db.setDragView(view.snapshot(null, null));
            }
            e.consume();
        });
    }

    @Override
    protected void updateItem(ImageEntry item, boolean empty) {
        super.updateItem(item, empty);
        if (release != null) {
            release.run();
            release = null;
        }
        if (empty || item == null) {
            box.setVisible(false);
            view.setImage(null);
            pseudoClassStateChanged(SELECTED, false);
            return;
        }
        name.setText(item.file().getFileName().toString());
        view.setImage(null);
        showThumbnail(item);
        updateSelected();
        updateSuggestion();
        box.setVisible(true);
    }

    /**
     * Shows the thumbnail scaled once to the cell's image box, so Prism draws it pixel for pixel: without a GPU,
     * scaling and filtering 40 images on every frame was most of the render thread's work while scrolling
     * (docs/benchmarks.md, Curate with 100,000 images). Until the fitted one is there, the stored thumbnail (if in
     * memory) or what the view already shows of this image is scaled by the view as before.
     */
    private void showThumbnail(ImageEntry item) {
        double scale = getScene() == null || getScene().getWindow() == null ? 1
                : getScene().getWindow().getOutputScaleX();
        int[] box = box(getWidth(), getHeight(), scale);
        int w = box[0];
        int h = box[1];
        if (w <= 0 || h <= 0) {
            return; // not laid out yet: refit() comes when the cell gets its size
        }
        Image fitted = loader.cachedFitted(item.file(), w, h);
        if (fitted != null) {
            view.setImage(fitted);
            return;
        }
        Image stored = loader.cached(item.file());
        if (stored != null) {
            view.setImage(stored);
        }
        release = loader.loadFitted(item.file(), w, h, image -> {
            release = null;
            if (item.equals(getItem()) && image != null) {
                view.setImage(image);
            }
        });
    }

    /**
     * The image box of a cell of this size in device pixels (width, height): what the cell asks the service for, and
     * what the grid prefetches for its first screen.
     */
    static int[] box(double cellWidth, double cellHeight, double outputScale) {
        return new int[] {(int) Math.round(Math.floor(cellWidth - 12) * outputScale),
            (int) Math.round(Math.floor(cellHeight - 30) * outputScale)};
    }

    /** The box changed (zoom, first layout): the thumbnail again at the new size. */
    private void refit() {
        if (release != null) {
            release.run();
            release = null;
        }
        if (getItem() != null && !isEmpty()) {
            showThumbnail(getItem());
        }
    }

    /** The model's top label and confidence on an inbox photo; low-confidence and unfamiliar photos say so. */
    private void updateSuggestion() {
        ImageEntry item = getItem();
        InboxPhoto p = item == null || !item.label().equals(DatasetSnapshot.INBOX) ? null : inbox.photo(item.relativePath());
        if (p == null || (p.suggestion() == null && !p.unfamiliar())) {
            if (suggestion != null) {
                suggestion.setVisible(false);
            }
            return;
        }
        if (suggestion == null) {
            suggestion = new Label();
            suggestion.getStyleClass().add("suggestion-chip");
            StackPane.setAlignment(suggestion, Pos.BOTTOM_LEFT);
            frame.getChildren().add(suggestion);
        }
        suggestion.getStyleClass().removeAll("low", "unfamiliar");
        Suggestion s = p.suggestion();
        String text = s == null ? "" : String.format("%s %.0f%%", s.label(), 100 * s.confidence());
        if (s != null && s.lowConfidence()) {
            suggestion.getStyleClass().add("low");
        }
        if (p.unfamiliar()) {
            // Out of distribution: like nothing labelled, so a confident number there is no evidence.
            suggestion.getStyleClass().add("unfamiliar");
            text = text.isEmpty() ? "unfamiliar" : text + " · unfamiliar";
        }
        suggestion.setText(text);
        suggestion.setVisible(true);
    }

    /** True when the cell shows an image and its thumbnail is on it (the Curate benchmark waits for this). */
    boolean showsThumbnail() {
        return getItem() != null && view.getImage() != null && !view.getImage().isError();
    }

    private void updateSelected() {
        pseudoClassStateChanged(SELECTED, getItem() != null && vm.selection().contains(getItem().relativePath()));
    }
}
