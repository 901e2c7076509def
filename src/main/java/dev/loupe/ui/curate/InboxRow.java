package dev.loupe.ui.curate;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

import java.io.File;

/**
 * The inbox as the class column shows it, above the classes: its icon, its name and how many photos wait in it. It is
 * not a class (a class folder called "Inbox" is listed below as any other), so it is a row of its own rather than an
 * item of the class list. Clicking shows its photos; files dropped on it from the file manager are added to it.
 */
final class InboxRow {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private InboxRow() {
    }

    static HBox create(CurateViewModel vm) {
        Label name = new Label("Inbox", new FontIcon(MaterialDesignI.INBOX_ARROW_DOWN_OUTLINE));
        Label count = new Label();
        count.setId("inbox-count");
        count.getStyleClass().add("class-count");
        count.textProperty().bind(vm.looseProperty().map(n -> String.format("%,d", n.intValue())));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(10, name, spacer, count);
        row.setId("inbox-row");
        row.getStyleClass().add("inbox-row");
        row.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(row, new Tooltip("Photos lying directly in the dataset folder wait here for a label; "
                + "drop photos or folders here to add them"));
        row.pseudoClassStateChanged(SELECTED, vm.inboxShownProperty().get());
        vm.inboxShownProperty().addListener((o, was, now) -> row.pseudoClassStateChanged(SELECTED, now));
        row.setOnMouseClicked(e -> vm.showInbox());
        row.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                e.consume();
            }
        });
        row.setOnDragEntered(e -> {
            if (e.getDragboard().hasFiles()) {
                row.getStyleClass().add("drop-target");
            }
        });
        row.setOnDragExited(e -> row.getStyleClass().remove("drop-target"));
        row.setOnDragDropped(e -> dropped(vm, e));
        return row;
    }

    private static void dropped(CurateViewModel vm, DragEvent e) {
        e.setDropCompleted(drop(vm, e.getDragboard(), e.getTransferMode()));
        e.consume();
    }

    /** The drop itself: files from the file manager are copied in (moved with the platform's move modifier). */
    static boolean drop(CurateViewModel vm, Dragboard board, TransferMode mode) {
        if (!board.hasFiles()) {
            return false;
        }
        vm.importToInbox(board.getFiles().stream().map(File::toPath).toList(), mode == TransferMode.MOVE);
        return true;
    }
}
