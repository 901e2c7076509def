package dev.loupe.ui.common;

import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The status bar's dataset label beside a running job's wide progress row. */
@ExtendWith(ApplicationExtension.class)
class FittedTextTest {

    private Label dataset;

    @Start
    void start(Stage stage) {
        dataset = new Label();
        Label job = new Label();
        FittedText.bind(dataset, new SimpleStringProperty("/home/ann/photos/flowers"), p -> List.of("flowers"), true);
        // A job's row: wide, and willing to shrink, as the bar's message and job rows are.
        FittedText.bind(job, new SimpleStringProperty("Train flowers " + "extracting features · ".repeat(8)),
                t -> List.of(""));
        stage.setScene(new Scene(new HBox(16, dataset, job), 300, 40));
        stage.show();
    }

    @Test
    void theDatasetKeepsItsNameWhileAWideJobRowTakesTheRest() {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dataset.getText()).isEqualTo("flowers");
        assertThat(dataset.getWidth()).as("the name's width, not squeezed to nothing")
                .isGreaterThanOrEqualTo(dataset.getMinWidth()).isGreaterThan(20);
        assertThat(dataset.getTooltip().getText()).isEqualTo("/home/ann/photos/flowers");
    }
}
