package dev.loupe.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dialog is closed by Enter or Escape when the key comes up, never inside the key-pressed event: on Linux, JavaFX
 * 21 reads a window closed there after deleting it (issue 17 point 2; the crash itself is shown on a real display by
 * DialogEnterLoop, since Monocle has no input method).
 */
@ExtendWith(ApplicationExtension.class)
class DialogKeysTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @Test
    void enterClosesTheDialogWithItsAnswerOnlyWhenReleased(FxRobot robot) throws Exception {
        TextInputDialog dialog = open(robot);
        robot.interact(() -> dialog.getEditor().setText("cats"));

        robot.press(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.isShowing()).as("still open while Enter is down").isTrue();

        robot.release(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !dialog.isShowing());
        assertThat(dialog.getResult()).isEqualTo("cats");
    }

    @Test
    void escapeCancelsOnRelease(FxRobot robot) throws Exception {
        TextInputDialog dialog = open(robot);
        robot.interact(() -> dialog.getEditor().setText("dogs"));

        robot.press(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.isShowing()).isTrue();

        robot.release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !dialog.isShowing());
        assertThat(dialog.getResult()).isNull();
    }

    private TextInputDialog open(FxRobot robot) throws Exception {
        TextInputDialog dialog = WaitForAsyncUtils.asyncFx(() -> {
            TextInputDialog d = DialogKeys.closeOnRelease(new TextInputDialog());
            d.initOwner(owner);
            d.show();
            return d;
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> dialog.getEditor().isFocused());
        return dialog;
    }
}
