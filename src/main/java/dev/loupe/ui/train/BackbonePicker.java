package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneState;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

import java.util.Locale;

/**
 * The backbone list, marking what is on this machine (a tick) and what must be downloaded first (a cloud, with its
 * size), with Download for the chosen one when it needs it and Import for a Keras or TF.js network of the user's.
 */
final class BackbonePicker {

    private BackbonePicker() {
    }

    static ComboBox<BackboneDescriptor> combo(TrainSettings s) {
        ComboBox<BackboneDescriptor> backbone = new ComboBox<>(s.backbones());
        backbone.valueProperty().bindBidirectional(s.backboneProperty());
        backbone.setCellFactory(v -> new Cell(false));
        backbone.setButtonCell(new Cell(true)); // the closed box: the short name, which fits the column whole
        backbone.setMaxWidth(Double.MAX_VALUE);
        backbone.setId("backbone");
        return backbone;
    }

    /** Download (only while the chosen backbone needs it), Import…, and what the last of them did. */
    static Node actions(TrainSettings s, BackboneModel model) {
        Button download = new Button("Download", new FontIcon(MaterialDesignC.CLOUD_DOWNLOAD_OUTLINE));
        // The size is said here, not in the closed list box, where "NASNet-A Mobile · download 21 MB" was cut.
        download.textProperty().bind(Bindings.createStringBinding(() -> "Download"
                + (needsDownload(s) ? " " + megabytes(s.backboneProperty().get()) : ""), s.backboneProperty()));
        download.setId("download-backbone");
        download.getStyleClass().add("small");
        download.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> BackboneModel.needsDownload(s.backboneProperty().get()), s.backboneProperty()));
        download.managedProperty().bind(download.visibleProperty());
        download.disableProperty().bind(model.busyProperty());
        download.setTooltip(new Tooltip("Download the chosen backbone's weights (the status bar shows the progress "
                + "and can cancel it)"));
        download.setOnAction(e -> model.download());
        Button importButton = new Button("Import…", new FontIcon(MaterialDesignI.IMPORT));
        importButton.setId("import-backbone");
        importButton.getStyleClass().add("small");
        importButton.disableProperty().bind(model.busyProperty());
        importButton.setTooltip(new Tooltip("Use a network of your own as the backbone: a Keras .h5 file or a TF.js "
                + "model.json (such as a Teachable Machine export)"));
        importButton.setOnAction(e -> model.chooseAndImport(importButton.getScene().getWindow()));
        Label message = new Label();
        message.setId("backbone-message");
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().addAll("text-muted", "text-small");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        return new VBox(4, new HBox(6, download, importButton), message);
    }

    /** "MobileNet v1 0.75 (bundled)" with a tick; "ResNet-50 · download 98 MB" with a cloud. */
    static String describe(BackboneDescriptor b) {
        return BackboneModel.needsDownload(b) ? b.displayName() + " · download " + megabytes(b) : b.displayName();
    }

    private static boolean needsDownload(TrainSettings s) {
        return BackboneModel.needsDownload(s.backboneProperty().get());
    }

    private static String megabytes(BackboneDescriptor b) {
        return String.format(Locale.ROOT, "%.0f MB", b.sizeBytes() / 1e6);
    }

    /** A backbone's name without its parenthesis: "MobileNet v1 0.75" for "MobileNet v1 0.75 (ImageNet, 224 px)". */
    static String shortName(String displayName) {
        int paren = displayName.indexOf(" (");
        return paren > 0 ? displayName.substring(0, paren) : displayName;
    }

    /**
     * The full name and download size in the open list; the short name in the closed box ({@code brief}), the full
     * one in its tooltip.
     */
    private static final class Cell extends ListCell<BackboneDescriptor> {
        private final boolean brief;

        Cell(boolean brief) {
            this.brief = brief;
        }

        @Override
        protected void updateItem(BackboneDescriptor b, boolean empty) {
            super.updateItem(b, empty);
            if (empty || b == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            // The closed box: the short name and the icon (the Download button beside it says the size).
            setText(brief ? shortName(b.displayName()) : describe(b));
            boolean here = !BackboneModel.needsDownload(b);
            FontIcon icon = new FontIcon(here ? MaterialDesignC.CHECK : MaterialDesignC.CLOUD_DOWNLOAD_OUTLINE);
            icon.getStyleClass().add(here ? "backbone-here" : "backbone-download");
            setGraphic(icon);
            setTooltip(new Tooltip((brief ? b.displayName() + ": " : "") + (here ? switch (b.state()) {
                case BUNDLED -> "Ships with Loupe: works offline";
                case DOWNLOADED -> "Downloaded: works offline";
                case IMPORTED -> "Imported by you";
                case DOWNLOADABLE -> "On this computer";
            } : "Not on this computer yet: choose it, then press Download")));
        }
    }
}
