package dev.loupe.ui.curate;

import dev.loupe.engine.inbox.BulkAcceptance;
import dev.loupe.engine.inbox.BulkPlan;
import dev.loupe.engine.inbox.Inbox;
import dev.loupe.engine.util.Plurals;
import dev.loupe.ui.common.DialogKeys;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Locale;

/**
 * "Accept all suggestions at or above N%": before anything moves, how many photos per class it moves and how often
 * the model is wrong at that confidence (the engine's {@link BulkAcceptance#plan}: measured on the run's validation
 * photos, and expected from the calibrated probabilities). Its result is the plan, which the pane moves as one edit.
 */
final class BulkDialog {

    static final int DEFAULT_PERCENT = 95;

    private BulkDialog() {
    }

    static Dialog<BulkPlan> create(Window owner, Inbox inbox) {
        Dialog<BulkPlan> d = new Dialog<>();
        ButtonType move = new ButtonType("Move", ButtonBar.ButtonData.OK_DONE);
        Button ok = GroupDialog.withCountedAction(d, owner, "Accept Suggestions", move, "bulk-move");

        Spinner<Integer> percent = new Spinner<>(1, 100, DEFAULT_PERCENT);
        percent.setId("bulk-percent");
        percent.setEditable(true);
        percent.setPrefWidth(80);
        // Typing a figure takes effect at once: Enter is the dialog's (it moves), so it cannot commit the field.
        percent.getEditor().textProperty().addListener((o, was, now) -> {
            try {
                int v = Integer.parseInt(now.strip());
                if (v >= 1 && v <= 100) {
                    percent.getValueFactory().setValue(v);
                }
            } catch (NumberFormatException ignored) {
                // Not a figure yet: the last one stands.
            }
        });
        HBox ask = new HBox(8, new Label("Accept every suggestion at or above"), percent, new Label("% confidence"));
        ask.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        GridPane counts = new GridPane();
        counts.setId("bulk-counts");
        counts.setHgap(24);
        counts.setVgap(2);
        Label error = new Label();
        error.setId("bulk-error");
        error.setWrapText(true);
        error.setMaxWidth(460);
        Label left = new Label();
        left.setId("bulk-unfamiliar");
        left.setWrapText(true);
        left.setMaxWidth(460);
        left.getStyleClass().add("text-muted");

        Runnable update = () -> {
            BulkPlan plan = BulkAcceptance.plan(inbox, percent.getValue() / 100.0);
            counts.getChildren().clear();
            int row = 0;
            for (var e : plan.counts().entrySet()) {
                counts.addRow(row++, new Label(e.getKey()), new Label(String.format(Locale.ROOT, "%,d", e.getValue())));
            }
            if (plan.total() == 0) {
                counts.addRow(0, new Label("No suggestion reaches this confidence."));
            }
            error.setText(errorText(plan));
            left.setText(plan.unfamiliarLeft() == 0 ? "" : Plurals.of(plan.unfamiliarLeft(), "confident photo")
                    + " stay" + (plan.unfamiliarLeft() == 1 ? "s" : "") + " in the inbox: "
                    + (plan.unfamiliarLeft() == 1 ? "it looks" : "they look") + " like nothing labelled.");
            ok.setText("Move " + Plurals.of(plan.total(), "photo"));
            ok.setDisable(plan.total() == 0);
            d.setResultConverter(b -> b == move ? plan : null);
        };
        percent.valueProperty().addListener((o, was, now) -> update.run());
        update.run();
        VBox content = new VBox(12, ask, counts, error, left);
        content.setId("bulk-dialog");
        content.setPrefWidth(480);
        d.getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        d.getDialogPane().setContent(content);
        return DialogKeys.closeOnRelease(d);
    }

    /** The error rate measured on the validation split, with its count beside it (a few photos move it by points). */
    static String errorText(BulkPlan plan) {
        String calibrated = plan.total() == 0 ? "" : String.format(Locale.ROOT,
                " The calibrated probabilities of these photos expect %s wrong.", pct(plan.expectedErrorRate()));
        if (plan.validationPhotos() == 0) {
            return "Expected error rate: unknown: no validation photo reaches this confidence." + calibrated;
        }
        return String.format(Locale.ROOT, "Expected error rate: %s (on the validation split, %d of %d photos at this "
                        + "confidence were wrong).", pct(plan.validationErrorRate()), plan.validationErrors(),
                plan.validationPhotos()) + calibrated;
    }

    private static String pct(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
    }
}
