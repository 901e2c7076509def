package dev.loupe.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

import java.util.function.Predicate;

/**
 * Enter and Escape close the studio's dialogs and small windows when the key is released, not when it is pressed.
 *
 * <p>Why: on Linux, JavaFX 21's GTK glass hands a key press to the window's XIM input method and then to
 * {@code process_key}, which sends PRESSED and, for Enter and Escape, TYPED. That path is not counted as an event in
 * progress, so a window closed by the PRESSED event (Enter firing a dialog's default button) is deleted at once, and
 * {@code process_key} then reads the deleted window to send TYPED: a SIGSEGV in {@code WindowContextBase::process_key}
 * under {@code im_filter_keypress} whenever the freed memory was reused (JDK-8301219, fixed in JavaFX 22; every
 * 21.0.x up to 21.0.11 has it). The release path reads nothing after the event, so closing there is safe.
 */
public final class DialogKeys {

    private DialogKeys() {
    }

    /** Enter fires the dialog's default button and Escape its cancel button, each on release. Returns the dialog. */
    public static <D extends Dialog<?>> D closeOnRelease(D dialog) {
        DialogPane pane = dialog.getDialogPane();
        onRelease(pane, KeyCode.ENTER, () -> fire(pane, ButtonBar.ButtonData::isDefaultButton));
        onRelease(pane, KeyCode.ESCAPE, () -> fire(pane, ButtonBar.ButtonData::isCancelButton));
        return dialog;
    }

    /** Escape closes {@code stage} on release (a window without buttons, e.g. an image preview). */
    public static void escapeClosesOnRelease(Stage stage, Node root) {
        onRelease(root, KeyCode.ESCAPE, stage::close);
    }

    /** Swallows the plain press of {@code key} and runs {@code action} when that key is released. */
    private static void onRelease(Node node, KeyCode key, Runnable action) {
        Predicate<KeyEvent> plain = e -> e.getCode() == key && !e.isShortcutDown() && !e.isAltDown();
        boolean[] armed = {false};
        node.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (plain.test(e)) {
                armed[0] = true;
                e.consume();
            }
        });
        node.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (plain.test(e) && armed[0]) {
                armed[0] = false;
                e.consume();
                action.run();
            }
        });
    }

    /** Fires the first enabled button of {@code pane} whose role matches, as a click would. */
    private static void fire(DialogPane pane, Predicate<ButtonBar.ButtonData> role) {
        pane.getButtonTypes().stream()
                .filter(t -> role.test(t.getButtonData()))
                .findFirst()
                .map(pane::lookupButton)
                .filter(b -> b instanceof Button && !b.isDisabled())
                .ifPresent(b -> ((Button) b).fire());
    }
}
