package dev.loupe.ui.curate;

import dev.loupe.engine.audit.AuditFinding;
import dev.loupe.engine.util.Plurals;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignN;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The audit's pieces of the Curate view: the header button, the findings column, the filter chip. Binds only. */
final class AuditPanel {

    private AuditPanel() {
    }

    static Button button(AuditViewModel audit) {
        Button b = new Button("Audit", new FontIcon(MaterialDesignS.SHIELD_CHECK_OUTLINE));
        b.setId("audit-button");
        b.setTooltip(new Tooltip("Look for duplicates, unreadable or tiny images, empty or lopsided classes; "
                + "with a backbone also near-duplicates, leakage and likely mislabels"));
        b.disableProperty().bind(audit.runningProperty());
        b.setOnAction(e -> audit.run());
        return b;
    }

    /**
     * The right column; shown while an audit runs and after one, closable. Its content is made when first shown: most
     * sessions never audit, and the hidden list's skin and CSS were part of the first pulse at the open.
     */
    static VBox findings(AuditViewModel audit) {
        VBox panel = new VBox();
        panel.setId("audit-panel");
        panel.getStyleClass().addAll("class-panel", "audit-panel");
        panel.setPrefWidth(300);
        panel.setVisible(false);
        panel.managedProperty().bind(panel.visibleProperty());
        panel.visibleProperty().addListener((o, was, now) -> {
            if (now && panel.getChildren().isEmpty()) {
                fill(panel, audit);
            }
        });
        audit.runningProperty().addListener((o, was, now) -> {
            if (now) {
                panel.setVisible(true);
            }
        });
        audit.ranProperty().addListener((o, was, now) -> panel.setVisible(now || audit.runningProperty().get()));
        return panel;
    }

    private static void fill(VBox panel, AuditViewModel audit) {
        Label heading = new Label("AUDIT");
        heading.getStyleClass().add("class-panel-heading");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.getStyleClass().addAll("flat", "button-icon");
        close.setTooltip(new Tooltip("Hide the audit"));
        HBox top = new HBox(6, heading, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("class-panel-header");
        Label summary = new Label();
        summary.setId("audit-summary");
        summary.setWrapText(true);
        summary.getStyleClass().addAll("text-muted", "audit-summary");
        summary.textProperty().bind(audit.summaryProperty());
        ListView<AuditFinding> list = new ListView<>(audit.findings());
        list.setId("audit-findings");
        list.getStyleClass().add("class-list");
        list.setCellFactory(l -> new FindingCell(audit));
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> audit.selectedProperty().set(now));
        audit.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else {
                list.getSelectionModel().select(now);
            }
        });
        if (audit.selectedProperty().get() != null) {
            list.getSelectionModel().select(audit.selectedProperty().get());
        }
        VBox.setVgrow(list, Priority.ALWAYS);
        close.setOnAction(e -> {
            audit.clearSelection();
            panel.setVisible(false);
        });
        panel.getChildren().setAll(top, summary, staleBanner(audit), list);
    }

    /** "Dataset changed since this audit  [Run again]", above the findings while they may be out of date. */
    private static Node staleBanner(AuditViewModel audit) {
        Label text = new Label("Dataset changed since this audit", new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button again = new Button("Run again");
        again.setId("audit-run-again");
        again.setMinWidth(Region.USE_PREF_SIZE); // the text beside it wraps; the button is never cut to "R…"
        again.getStyleClass().addAll("flat", "small");
        again.disableProperty().bind(audit.runningProperty());
        again.setOnAction(e -> audit.run());
        HBox banner = new HBox(8, text, again);
        banner.setId("audit-stale");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("audit-stale");
        banner.visibleProperty().bind(audit.staleProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** "Showing: duplicate · 2 images  [Clear]" above the grid while a finding filters it. */
    static Node chip(CurateViewModel vm, AuditViewModel audit) {
        Label text = new Label();
        text.setGraphic(new FontIcon(MaterialDesignF.FILTER_OUTLINE));
        text.textProperty().bind(Bindings.createStringBinding(() -> "Showing " + vm.filterLabelProperty().get()
                + " · " + Plurals.of(vm.images().size(), "image"),
                vm.filterLabelProperty(), vm.images()));
        Button clear = new Button("Clear", new FontIcon(MaterialDesignF.FILTER_REMOVE_OUTLINE));
        clear.setId("audit-clear");
        clear.getStyleClass().addAll("flat", "small");
        clear.setOnAction(e -> audit.clearSelection());
        HBox chip = new HBox(8, text, clear);
        chip.setId("audit-filter");
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("filter-chip");
        chip.visibleProperty().bind(vm.filterProperty().isNotNull());
        chip.managedProperty().bind(chip.visibleProperty());
        return chip;
    }

    static Ikon icon(AuditFinding.Kind kind) {
        return switch (kind) {
            case UNREADABLE -> MaterialDesignF.FILE_ALERT_OUTLINE;
            case LEFT_OUT -> MaterialDesignF.FILE_HIDDEN;
            case DUPLICATE -> MaterialDesignC.CONTENT_DUPLICATE;
            case LEAKAGE -> MaterialDesignS.SWAP_HORIZONTAL;
            case LIKELY_MISLABEL -> MaterialDesignT.TAG_OFF_OUTLINE;
            case SHORTCUT -> MaterialDesignE.EYE_OUTLINE;
            case NEAR_DUPLICATE -> MaterialDesignI.IMAGE_MULTIPLE_OUTLINE;
            case TINY_IMAGE -> MaterialDesignI.IMAGE_SIZE_SELECT_SMALL;
            case EMPTY_CLASS -> MaterialDesignF.FOLDER_OUTLINE;
            case SINGLE_IMAGE_CLASS -> MaterialDesignN.NUMERIC_1_BOX_OUTLINE;
            case IMBALANCE -> MaterialDesignS.SCALE_BALANCE;
        };
    }

    /** Icon, the whole message (wrapped onto as many lines as it needs), and how many images it concerns. */
    private static final class FindingCell extends ListCell<AuditFinding> {
        private final AuditViewModel audit;
        private final FontIcon icon = new FontIcon();
        private final Label text = new Label();
        private final Label count = new Label();
        private final HBox box;
        private final Tooltip tip = new Tooltip();

        FindingCell(AuditViewModel audit) {
            this.audit = audit;
            getStyleClass().addAll("class-cell", "finding-cell");
            text.setWrapText(true);
            text.setMinWidth(0);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            count.getStyleClass().add("class-count");
            icon.getStyleClass().add("finding-icon");
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            box = new HBox(8, icon, text, count);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setMinWidth(0);
            box.setPrefWidth(1);
        }

        @Override
        protected void updateItem(AuditFinding f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setTooltip(null);
                setId(null);
                return;
            }
            icon.setIconCode(icon(f.kind()));
            text.setText(f.message());
            count.setText(Integer.toString(f.images().size()));
            count.setVisible(!f.images().isEmpty());
            tip.setText(f.message());
            setTooltip(tip);
            setId("finding-" + f.kind().name().toLowerCase(java.util.Locale.ROOT));
            setContextMenu(f.kind() == AuditFinding.Kind.DUPLICATE ? keepOneMenu(f) : null);
            if (f.kind() == AuditFinding.Kind.DUPLICATE) {
                tip.setText(f.message() + "\nRight-click: keep one copy, move the others to the trash");
            }
            setGraphic(box);
        }

        /** As tall as the wrapped message at the list's width (a cell is otherwise one line high). */
        @Override
        protected double computePrefHeight(double width) {
            double w = width > 0 ? width : getListView() == null ? -1 : getListView().getWidth() - 20;
            if (getGraphic() == null || w <= 0) {
                return super.computePrefHeight(width);
            }
            return box.prefHeight(w - snappedLeftInset() - snappedRightInset()) + snappedTopInset()
                    + snappedBottomInset();
        }

        /** "Keep one": the first copy stays, the others go to the trash (undoable). */
        private ContextMenu keepOneMenu(AuditFinding f) {
            MenuItem keep = new MenuItem("Keep " + f.images().get(0) + ", Move the Other Copies to the Trash",
                    new FontIcon(MaterialDesignD.DELETE_OUTLINE));
            keep.setMnemonicParsing(false);
            keep.setId("keep-one");
            keep.setOnAction(e -> audit.keepOne(f));
            return new ContextMenu(keep);
        }
    }
}
