package dev.loupe.ui.curate;

import dev.loupe.ui.common.ClassPalette;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;


/**
 * A class in the list: colour dot, name, image count. It is also a drop target: files from the file manager are
 * added to the class (copied, or moved when the user drags with the platform's move modifier) and thumbnails dragged
 * from the grid are moved into it. The handlers only decode the drag and call the view model.
 */
final class ClassCell extends ListCell<ClassRow> {

    /** Distinct hues that read on light and dark themes; classes past the end reuse them. */

    private final CurateViewModel vm;
    private final Circle dot = new Circle(5);
    private final Label name = new Label();
    private final Label count = new Label();
    private final HBox box;

    ClassCell(CurateViewModel vm) {
        this.vm = vm;
        getStyleClass().add("class-cell");
        count.getStyleClass().add("class-count");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        box = new HBox(10, dot, name, spacer, count);
        box.setAlignment(Pos.CENTER_LEFT);
        setOnDragOver(this::dragOver);
        setOnDragEntered(e -> {
            if (accepts(e)) {
                getStyleClass().add("drop-target");
            }
        });
        setOnDragExited(e -> getStyleClass().remove("drop-target"));
        setOnDragDropped(this::dropped);
    }

    @Override
    protected void updateItem(ClassRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        dot.setFill(ClassPalette.colour(row.colour()));
        name.setText(row.name());
        count.setText(String.format("%,d", row.count()));
        setGraphic(box);
        setId("class-" + row.name());
    }

    private boolean accepts(DragEvent e) {
        return getItem() != null && (e.getDragboard().hasFiles() || e.getDragboard().hasContent(DragFormats.IMAGES));
    }

    private void dragOver(DragEvent e) {
        if (!accepts(e)) {
            return;
        }
        if (e.getDragboard().hasContent(DragFormats.IMAGES)) {
            e.acceptTransferModes(TransferMode.MOVE);
        } else {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        e.setDropCompleted(drop(vm, getItem(), e.getDragboard(), e.getTransferMode()));
        e.consume();
    }

    /** The drop itself, separate from the event so it reads as what it does. */
    static boolean drop(CurateViewModel vm, ClassRow target, Dragboard board, TransferMode mode) {
        if (target == null) {
            return false;
        }
        if (board.hasContent(DragFormats.IMAGES)) {
            vm.moveImages(DragFormats.decode(board.getContent(DragFormats.IMAGES)), target.name());
            return true;
        }
        if (board.hasFiles()) {
            vm.importFiles(board.getFiles().stream().map(java.io.File::toPath).toList(), target.name(),
                    mode == TransferMode.MOVE);
            return true;
        }
        return false;
    }
}
