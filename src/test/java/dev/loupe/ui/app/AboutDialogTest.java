package dev.loupe.ui.app;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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
 * The About box stood blank for seconds: the flowers' 418 KB of photo credits sat in a wrapping TextArea, laid out in
 * full before the first paint. It lists the lines instead, and lays out only those in view.
 */
@ExtendWith(ApplicationExtension.class)
class AboutDialogTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void theLicencesAreListsThatLayOutOnlyTheLinesInView(FxRobot robot) throws Exception {
        AboutInfo info = new AboutInfo();
        int lines = info.sampleDatasetLicence().split("\\R").length;
        assertThat(lines).as("the real credits are long").isGreaterThan(2000);
        Alert about = WaitForAsyncUtils.asyncFx(() -> {
            Alert a = AboutDialog.create(owner, info);
            a.show();
            return a;
        }).get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        var pane = about.getDialogPane();
        assertThat(pane.lookupAll(".text-area")).as("no TextArea holds the credits").isEmpty();
        ListView<?> credits = (ListView<?>) pane.lookup("#sample-licence");
        assertThat(credits.getItems()).hasSizeGreaterThanOrEqualTo(lines);
        long cells = credits.lookupAll(".list-cell").stream().filter(n -> n instanceof ListCell<?>).count();
        assertThat(cells).as("cells laid out").isPositive().isLessThan(100);
        robot.interact(about::close);
    }
}
