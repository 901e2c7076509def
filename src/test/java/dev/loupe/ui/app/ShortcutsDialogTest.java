package dev.loupe.ui.app;

import dev.loupe.testing.CutText;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
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
 * Help › Keyboard Shortcuts showed "Ctrl+Z, Ctrl+Shift+…" and "move the selected ones to the tr…" in the studio at
 * 1200x780 (issue 17, point 5: no control's text is cut). Every key and what it does shows whole, in the studio's
 * theme.
 */
@ExtendWith(ApplicationExtension.class)
class ShortcutsDialogTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 1200, 780));
        stage.show();
    }

    @Test
    void everyKeyAndWhatItDoesShowsWhole(FxRobot robot) throws Exception {
        Alert shortcuts = WaitForAsyncUtils.asyncFx(() -> {
            Alert a = ShortcutsDialog.create(owner);
            a.show();
            return a;
        }).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        var pane = shortcuts.getDialogPane();
        assertThat(pane.lookupAll(".label").stream().map(n -> ((javafx.scene.control.Label) n).getText()))
                .contains(ShortcutsDialog.KEYS[2][0], ShortcutsDialog.KEYS[3][1]);
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutText.in(pane)).get(20, TimeUnit.SECONDS))
                .as("labels whose text is cut").isEmpty();
        assertThat(pane.getScene().getWindow().getHeight()).as("within a 780 px screen").isLessThan(780);
        robot.interact(shortcuts::close);
    }
}
