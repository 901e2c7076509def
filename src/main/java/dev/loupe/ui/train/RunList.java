package dev.loupe.ui.train;

import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import javafx.geometry.Pos;
import javafx.scene.Node;
import dev.loupe.ui.common.DialogKeys;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.time.Instant;
import java.util.List;

/**
 * The run history: date, validation accuracy, name (the user's, else what sets the run apart), duration and a state
 * icon per run; a star marks the run whose model Classify uses, a robot an automatic run (the inbox's background
 * retrain; a pin once the user keeps it). F2 or the row's menu renames the shown run; the menu also keeps an automatic
 * run. Selecting a row shows that run; the list follows the view model by run id, since records read again from disk
 * are new objects.
 */
final class RunList {

    private final TrainViewModel vm;
    private final ListView<RunRecord> list = new ListView<>();
    private boolean following;

    RunList(TrainViewModel vm) {
        this.vm = vm;
        list.setId("run-list");
        list.setItems(vm.runs());
        list.setPlaceholder(new Label("No runs yet: press Train"));
        list.setCellFactory(v -> new Cell());
        // Ctrl+click a second run to compare the two: the first selected is shown, the other drawn dashed.
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<RunRecord>) c -> {
            if (!following) {
                vm.select(List.copyOf(list.getSelectionModel().getSelectedItems()));
            }
        });
        vm.shownRunProperty().addListener((o, was, now) -> follow());
        vm.compareRunProperty().addListener((o, was, now) -> follow());
        vm.runs().addListener((javafx.collections.ListChangeListener<RunRecord>) c -> follow());
        vm.classifyRunProperty().addListener((o, was, now) -> list.refresh());
        vm.names().addListener((javafx.collections.MapChangeListener<String, String>) c -> list.refresh());
        vm.resumable().addListener((javafx.collections.SetChangeListener<String>) c -> list.refresh());
        vm.notResumable().addListener((javafx.collections.MapChangeListener<String, String>) c -> list.refresh());
        // Rename by F2, as a class is renamed in Curate, or from the row's menu.
        MenuItem rename = new MenuItem("Rename…");
        rename.setId("rename-run");
        rename.setOnAction(e -> rename());
        // Automatic runs (the inbox's background retrain) go when a newer one comes, unless the user keeps one.
        CheckMenuItem keep = new CheckMenuItem("Keep this automatic run");
        keep.setId("keep-run");
        keep.setOnAction(e -> {
            RunRecord run = vm.shownRunProperty().get();
            if (run != null && run.automatic()) {
                vm.keep(run, keep.isSelected());
            }
        });
        MenuItem resume = new MenuItem("Resume from the last epoch");
        resume.setId("resume-run-menu");
        resume.setOnAction(e -> vm.resume(vm.shownRunProperty().get()));
        ContextMenu menu = new ContextMenu(rename, keep, resume);
        menu.setOnShowing(e -> {
            RunRecord run = vm.shownRunProperty().get();
            resume.setVisible(run != null && vm.resumable().contains(run.id()));
            resume.setDisable(vm.runningProperty().get());
            keep.setVisible(run != null && run.automatic());
            keep.setSelected(run != null && run.kept());
        });
        list.setContextMenu(menu);
        list.setOnKeyReleased(e -> {
            if (e.getCode() == KeyCode.F2) {
                rename();
            }
        });
    }

    /** Asks for the shown run's new name; the dialog closes on key release (see DialogKeys). */
    private void rename() {
        RunRecord run = vm.shownRunProperty().get();
        if (run == null) {
            return;
        }
        TextInputDialog ask = new TextInputDialog(vm.givenName(run).isEmpty() ? vm.name(run) : vm.givenName(run));
        ask.initOwner(list.getScene().getWindow());
        ask.setTitle("Rename Run");
        ask.setHeaderText("Name run " + run.id() + " (leave empty to name it by its settings)");
        ask.getEditor().setId("run-name");
        DialogKeys.closeOnRelease(ask).showAndWait().ifPresent(name -> vm.rename(run, name));
    }

    ListView<RunRecord> node() {
        return list;
    }

    /** Selects the shown run and the compared one, by id (records read again from disk are new objects). */
    private void follow() {
        following = true;
        try {
            list.getSelectionModel().clearSelection();
            for (RunRecord r : new RunRecord[]{vm.shownRunProperty().get(), vm.compareRunProperty().get()}) {
                for (int i = 0; r != null && i < list.getItems().size(); i++) {
                    if (list.getItems().get(i).id().equals(r.id())) {
                        list.getSelectionModel().select(i);
                    }
                }
            }
        } finally {
            following = false;
        }
    }

    static Ikon icon(RunState state) {
        return switch (state) {
            case FINISHED -> MaterialDesignC.CHECK_CIRCLE_OUTLINE;
            case FAILED -> MaterialDesignA.ALERT_CIRCLE_OUTLINE;
            case CANCELLED -> MaterialDesignC.CANCEL;
            case INTERRUPTED -> MaterialDesignL.LIGHTNING_BOLT_OUTLINE;
            case RUNNING -> MaterialDesignP.PROGRESS_CLOCK;
        };
    }

    /**
     * The run's validation accuracy; for a run stopped before its end (no best epoch recorded), its best epoch so far,
     * marked "so far": a dash hid what a cancelled fine-tuning run had reached.
     */
    static String accuracy(RunRecord r) {
        double v = r.validationAccuracy();
        if (!Double.isNaN(v) || r.state() == RunState.FINISHED) {
            return StageText.percent(v);
        }
        double best = r.history().stream()
                .mapToDouble(m -> m.hasValidation() ? m.validationAccuracy() : m.trainAccuracy())
                .filter(a -> !Double.isNaN(a)).max().orElse(Double.NaN);
        return Double.isNaN(best) ? StageText.percent(best) : StageText.percent(best) + " so far";
    }

    private final class Cell extends ListCell<RunRecord> {
        @Override
        protected void updateItem(RunRecord r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            FontIcon state = new FontIcon(icon(r.state()));
            state.getStyleClass().addAll("run-state", "run-" + r.state().name().toLowerCase());
            // The figures that decide between runs: accuracy, then how far its confidence can be trusted.
            Label top = new Label(StageText.DATE.format(Instant.ofEpochMilli(r.startedAt())) + " · "
                    + accuracy(r));
            top.getStyleClass().add("text-bold");
            // The state only when it is not "finished" (the icon says it): the whole line did not fit the column.
            Label bottom = new Label(vm.name(r) + " · "
                    + (r.durationMillis() > 0 ? StageText.duration(r.durationMillis()) : "–")
                    + (r.state() == RunState.FINISHED ? "" : " · " + r.state().name().toLowerCase()));
            bottom.getStyleClass().addAll("text-muted", "text-small");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            VBox lines = new VBox(1, top, bottom);
            if (r.evaluation() != null) {
                // A line of its own: beside the date and accuracy it was cut ("… · EC…") in the 310 px column.
                Label ece = new Label("calibration error " + StageText.percent(r.evaluation().calibrationError()));
                ece.getStyleClass().addAll("text-muted", "text-small");
                lines.getChildren().add(ece);
            }
            if (r.automatic()) {
                // A line of its own too: beside the name or the calibration error it was cut in the column.
                Label auto = new Label(r.kept() ? "automatic run, kept" : "automatic run");
                auto.getStyleClass().addAll("text-muted", "text-small");
                lines.getChildren().add(auto);
            }
            lines.setMinWidth(0);
            HBox.setHgrow(lines, Priority.SOMETIMES);
            HBox row = new HBox(8, state, lines, spacer);
            if (r.automatic()) {
                FontIcon auto = new FontIcon(r.kept() ? MaterialDesignP.PIN : MaterialDesignR.ROBOT_OUTLINE);
                auto.getStyleClass().addAll("run-automatic", r.kept() ? "run-kept" : "run-not-kept");
                Tooltip.install(auto, new Tooltip(r.kept() ? "Automatic run (the inbox's retrain), kept: it stays"
                        : "Automatic run (the inbox's retrain while labelling): only the newest stays, unless you "
                        + "keep it (right-click › Keep)"));
                row.getChildren().add(auto);
            }
            if (r.id().equals(vm.classifyRunProperty().get())) {
                FontIcon star = new FontIcon(MaterialDesignS.STAR);
                star.getStyleClass().add("classify-star");
                Tooltip.install(star, new Tooltip("Classify uses this run's model"));
                row.getChildren().add(star);
            }
            row.setAlignment(Pos.CENTER_LEFT);
            setTooltip(new Tooltip(r.id() + (r.error() == null ? "" : "\n" + r.error())
                    + (vm.resumable().contains(r.id()) ? "\nResume continues it from epoch " + r.history().size()
                    : vm.notResumable().containsKey(r.id()) ? "\nIt " + vm.notResumable().get(r.id()) : "")
                    + StageText.trials(r)));
            // A zero preferred width lets the cell take the list's width, so long lines ellipsize instead of scrolling.
            setPrefWidth(0);
            setText(null);
            setGraphic(row);
        }
    }
}
