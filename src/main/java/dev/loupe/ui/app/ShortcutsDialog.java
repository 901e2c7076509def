package dev.loupe.ui.app;

import dev.loupe.ui.common.DialogKeys;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
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
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        for (int i = 0; i < KEYS.length; i++) {
            Label keys = new Label(KEYS[i][0]);
            keys.getStyleClass().add("text-bold");
            grid.addRow(i, keys, new Label(KEYS[i][1]));
        }
        Alert alert = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Keyboard Shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(grid);
        DialogKeys.closeOnRelease(alert).showAndWait();
    }
}
