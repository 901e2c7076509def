package dev.loupe.ui.classify;

import dev.loupe.engine.util.Plurals;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;

/**
 * "Move N images to class…" for the lassoed points: a button in the map bar (shown only while something is selected)
 * and the same choices on the map's right-click menu. The class list is read when the menu opens, so it is current.
 */
final class RelabelMenu {

    private RelabelMenu() {
    }

    static MenuButton button(Relabeller relabeller, ObservableList<String> classes) {
        MenuButton button = new MenuButton();
        button.setId("move-selected");
        button.setGraphic(new FontIcon(MaterialDesignT.TAG_MULTIPLE_OUTLINE));
        button.textProperty().bind(Bindings.createStringBinding(() -> label(relabeller),
                relabeller.selectionProperty()));
        button.visibleProperty().bind(Bindings.createBooleanBinding(() -> relabeller.selectionProperty().get()
                .length > 0, relabeller.selectionProperty()));
        button.managedProperty().bind(button.visibleProperty());
        button.setOnShowing(e -> button.getItems().setAll(items(relabeller, classes)));
        return button;
    }

    static ContextMenu contextMenu(Relabeller relabeller, ObservableList<String> classes) {
        ContextMenu menu = new ContextMenu();
        menu.setOnShowing(e -> {
            MenuItem heading = new MenuItem(label(relabeller));
            heading.setDisable(true);
            menu.getItems().setAll(heading);
            menu.getItems().addAll(items(relabeller, classes));
        });
        return menu;
    }

    private static String label(Relabeller relabeller) {
        int n = relabeller.selectionProperty().get().length;
        return "Move " + Plurals.of(n, "image") + " to class…";
    }

    private static List<MenuItem> items(Relabeller relabeller, List<String> classes) {
        return classes.stream().map(c -> {
            MenuItem item = new MenuItem(c);
            item.getStyleClass().add("move-to-class");
            item.setOnAction(e -> relabeller.moveSelectedTo(c));
            return item;
        }).toList();
    }
}
