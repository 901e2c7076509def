package dev.loupe.ui.common;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The window's bottom bar: a leading node (the dataset), the last job message, and for each running job its name,
 * what it is doing, a progress bar and a cancel button. A plain HBox rather than ControlsFX's TaskProgressView, which
 * wants JavaFX Tasks and would need a second adapter next to {@link JobStatusPoller}.
 */
public final class JobStatusBar {

    private JobStatusBar() {
    }

    public static HBox create(JobStatusPoller poller, Node leading) {
        Label message = new Label();
        // Each text in the bar gives way whole (a shorter form, or nothing) rather than cut mid-word.
        FittedText.bind(message, poller.lastMessage(), t -> FittedText.before(t, ": "));
        message.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox jobs = new HBox(16);
        jobs.setAlignment(Pos.CENTER_RIGHT);
        jobs.setId("status-jobs");
        // The poller changes the list on the FX thread only, so rebuilding here is safe; rows are few.
        poller.running().addListener((ListChangeListener<JobRow>) c -> rebuild(jobs, poller));
        rebuild(jobs, poller);
        HBox bar = new HBox(16, leading, message, spacer, jobs);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setId("status-bar");
        return bar;
    }

    private static void rebuild(HBox jobs, JobStatusPoller poller) {
        jobs.getChildren().setAll(poller.running().stream().map(JobStatusBar::rowView).toList());
    }

    private static Node rowView(JobRow row) {
        Label name = new Label();
        name.textProperty().bind(row.nameProperty());
        name.getStyleClass().add("text-bold");
        name.setMinWidth(Label.USE_PREF_SIZE);
        Label detail = new Label();
        FittedText.bind(detail, row.detailProperty(), t -> {
            java.util.List<String> forms = new java.util.ArrayList<>(FittedText.before(t, " · "));
            forms.add("");
            return forms;
        });
        detail.getStyleClass().add("text-muted");
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(row.progressProperty());
        bar.setPrefWidth(140);
        bar.setMinWidth(60);
        bar.getStyleClass().add("small");
        Button cancel = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        cancel.getStyleClass().addAll("button-icon", "flat", "small");
        cancel.setTooltip(new Tooltip("Cancel " + row.nameProperty().get()));
        cancel.setOnAction(e -> row.cancel());
        HBox box = new HBox(8, name, detail, bar, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("status-job");
        return box;
    }
}
