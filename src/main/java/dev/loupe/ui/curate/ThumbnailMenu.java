package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.ui.common.FileManager;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * A thumbnail's right-click menu: relabel without dragging (Move to › class), Delete (to the trash), and Show in File
 * Manager. It acts on the selection, which the right-clicked image joins if it was not in it.
 */
final class ThumbnailMenu {

    private ThumbnailMenu() {
    }

    static ContextMenu of(CurateViewModel vm, ImageEntry clicked) {
        Menu moveTo = new Menu("Move to", new FontIcon(MaterialDesignF.FOLDER_MOVE_OUTLINE));
        moveTo.setId("move-to");
        vm.classes().stream().map(ClassRow::name).filter(c -> !c.equals(clicked.label())).forEach(c -> {
            MenuItem item = new MenuItem(c);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.moveImages(vm.selectedInOrder(), c));
            moveTo.getItems().add(item);
        });
        moveTo.setDisable(moveTo.getItems().isEmpty());
        MenuItem delete = new MenuItem("Delete (to the trash)", new FontIcon(MaterialDesignD.DELETE_OUTLINE));
        delete.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        delete.setOnAction(e -> vm.deleteSelection());
        MenuItem reveal = new MenuItem("Show in File Manager", new FontIcon(MaterialDesignF.FOLDER_SEARCH_OUTLINE));
        reveal.setOnAction(e -> {
            String failed = FileManager.reveal(clicked.file());
            if (failed != null) {
                vm.say(failed);
            }
        });
        return new ContextMenu(moveTo, delete, new SeparatorMenuItem(), reveal);
    }
}
