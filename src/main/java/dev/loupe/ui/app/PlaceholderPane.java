package dev.loupe.ui.app;

import dev.loupe.ui.common.EmptyState;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.StudioPane;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import java.nio.file.Path;

/**
 * A pane that has no content yet: a header naming the pane and the open dataset, and an empty state saying what will
 * appear here. It stands in for Curate, Train and Classify until their real panes plug in (see {@link StudioPanes}).
 */
final class PlaceholderPane implements StudioPane {

    private final String title;
    private final Ikon icon;
    private final String headline;
    private final String messageFormat;
    private final ObservableValue<Path> dataset;
    private Node view;

    /** {@code messageFormat} gets the dataset folder's name as its one {@code %s}. */
    PlaceholderPane(StudioContext context, String title, Ikon icon, String headline, String messageFormat) {
        this.title = title;
        this.icon = icon;
        this.headline = headline;
        this.messageFormat = messageFormat;
        this.dataset = context.dataset();
    }

    @Override public String title() { return title; }

    @Override public Ikon icon() { return icon; }

    @Override
    public Node view() {
        if (view == null) {
            view = build();
        }
        return view;
    }

    private Node build() {
        Label heading = new Label(title, new FontIcon(icon));
        heading.getStyleClass().add("title-2");
        Label datasetChip = new Label();
        datasetChip.setGraphic(new FontIcon(MaterialDesignF.FOLDER_IMAGE));
        datasetChip.textProperty().bind(Bindings.createStringBinding(() -> nameOf(dataset.getValue()), dataset));
        datasetChip.getStyleClass().add("dataset-chip");
        HBox header = new HBox(16, heading, datasetChip);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");

        VBox empty = EmptyState.of(icon, headline, Bindings.createStringBinding(
                () -> messageFormat.formatted(nameOf(dataset.getValue())), dataset));

        BorderPane root = new BorderPane(empty, header, null, null, null);
        root.getStyleClass().add("studio-pane");
        root.setId("pane-" + title.toLowerCase());
        return root;
    }

    static String nameOf(Path p) {
        if (p == null) {
            return "no dataset";
        }
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }
}
