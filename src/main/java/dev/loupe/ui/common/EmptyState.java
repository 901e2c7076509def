package dev.loupe.ui.common;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The centred "nothing here yet" block a pane shows before it has content: a large muted icon, a headline and one
 * line saying what to do next. One helper so every pane's empty state looks alike.
 */
public final class EmptyState {

    private EmptyState() {
    }

    public static VBox of(Ikon icon, String headline, String message) {
        return of(icon, headline, new ReadOnlyStringWrapper(message));
    }

    /** With a message that follows e.g. the open dataset's name. */
    public static VBox of(Ikon icon, String headline, ObservableValue<String> message) {
        return of(icon, new ReadOnlyStringWrapper(headline), message);
    }

    /** With a headline and a message that follow the pane's state, e.g. a count. */
    public static VBox of(Ikon icon, ObservableValue<String> headline, ObservableValue<String> message) {
        FontIcon glyph = new FontIcon(icon);
        glyph.getStyleClass().add("empty-state-icon");
        Label title = new Label();
        title.textProperty().bind(headline);
        title.getStyleClass().addAll("title-3", "empty-state-title");
        Label line = new Label();
        line.textProperty().bind(message);
        line.getStyleClass().addAll("text-muted", "empty-state-message");
        line.setWrapText(true);
        VBox box = new VBox(12, glyph, title, line);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(480);
        box.getStyleClass().add("empty-state");
        return box;
    }
}
