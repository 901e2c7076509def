package dev.loupe.ui.app;

import dev.loupe.ui.common.DialogKeys;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/** Help › Keyboard Shortcuts: every key the studio answers to, in one table ("Ctrl" is Cmd on macOS). */
final class ShortcutsDialog {

    static final String[][] KEYS = {
        {"Ctrl+1, Ctrl+2, Ctrl+3", "Show Curate, Train, Classify"},
        {"Ctrl+O", "Open a dataset folder"},
        {"Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y", "Undo, Redo (in every pane)"},
        {"Ctrl+A, Delete", "Select all images, move the selected ones to the trash (Curate)"},
        {"Arrow keys, Shift+arrows", "Move the selection, extend it (Curate)"},
        {"Enter", "Preview the selected image (Curate)"},
        {"F2", "Rename the selected class (Curate)"},
        {"Ctrl+- , Ctrl++", "Smaller, larger thumbnails (Curate)"},
        {"Left, Right, Escape", "Previous and next image of the class, close (preview)"},
        {"Ctrl+V", "Classify the images on the clipboard (Classify)"},
        {"Shift+drag", "Lasso points on the map (Classify)"},
        {"Ctrl+Q", "Quit"},
    };

    private ShortcutsDialog() {
    }

    static void show(Stage owner) {
        DialogKeys.closeOnRelease(create(owner)).showAndWait();
    }

    /**
     * The dialog, not shown yet. Each label keeps its whole text: an Alert is only as wide as its own default, so
     * without a minimum "Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y" showed as "Ctrl+Z, Ctrl+Shift+…" at 1200x780.
     */
    static Alert create(Stage owner) {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        for (int i = 0; i < KEYS.length; i++) {
            Label keys = new Label(KEYS[i][0]);
            keys.getStyleClass().add("text-bold");
            Label what = new Label(KEYS[i][1]);
            keys.setMinWidth(Region.USE_PREF_SIZE);
            what.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(i, keys, what);
        }
        Alert alert = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Keyboard Shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(grid);
        alert.getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        alert.setResizable(true);
        return alert;
    }
}
