package dev.loupe.ui.curate;

import dev.loupe.ui.common.DialogKeys;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;

import java.util.Optional;

/** The questions the pane asks; an interface so tests can answer them without a modal window. */
interface CurateDialogs {

    Optional<String> askName(String title, String prompt, String initial);

    boolean confirm(String title, String message);

    /** Real dialogs, owned by the window that shows {@code owner}; Enter and Escape act on release (DialogKeys). */
    static CurateDialogs fx(Node owner) {
        return new CurateDialogs() {
            @Override
            public Optional<String> askName(String title, String prompt, String initial) {
                TextInputDialog d = new TextInputDialog(initial);
                d.initOwner(owner.getScene().getWindow());
                d.setTitle(title);
                d.setHeaderText(null);
                d.setContentText(prompt);
                return DialogKeys.closeOnRelease(d).showAndWait().map(String::strip).filter(s -> !s.isEmpty());
            }

            @Override
            public boolean confirm(String title, String message) {
                Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.CANCEL, ButtonType.OK);
                a.initOwner(owner.getScene().getWindow());
                a.setTitle(title);
                a.setHeaderText(null);
                return DialogKeys.closeOnRelease(a).showAndWait().filter(b -> b == ButtonType.OK).isPresent();
            }
        };
    }
}
