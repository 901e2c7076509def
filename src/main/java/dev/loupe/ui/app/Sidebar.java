package dev.loupe.ui.app;

import dev.loupe.ui.common.StudioPane;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** The narrow navigation bar on the left: one toggle per pane, kept in step with the view model's selected pane. */
final class Sidebar {

    private Sidebar() {
    }

    static VBox create(List<StudioPane.Factory> panes, StudioViewModel vm) {
        ToggleGroup group = new ToggleGroup();
        VBox bar = new VBox(4);
        bar.getStyleClass().add("sidebar");
        bar.setId("sidebar");
        for (int i = 0; i < panes.size(); i++) {
            StudioPane.Factory pane = panes.get(i);
            ToggleButton b = new ToggleButton(pane.title(), new FontIcon(pane.icon()));
            b.setContentDisplay(ContentDisplay.TOP);
            b.setToggleGroup(group);
            b.setUserData(i);
            b.setId("nav-" + pane.title().toLowerCase());
            b.setTooltip(new Tooltip(pane.title() + " (Ctrl+" + (i + 1) + ")"));
            b.setMaxWidth(Double.MAX_VALUE);
            b.setFocusTraversable(false);
            bar.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                // A toggle group lets the user un-press the selected button; a window always shows one pane.
                group.selectToggle(was);
            } else {
                vm.selectedPaneProperty().set((Integer) now.getUserData());
            }
        });
        vm.selectedPaneProperty().addListener((o, was, now) -> select(group, now.intValue()));
        select(group, vm.selectedPaneProperty().get());
        return bar;
    }

    private static void select(ToggleGroup group, int index) {
        for (Toggle t : group.getToggles()) {
            if ((Integer) t.getUserData() == index) {
                group.selectToggle(t);
            }
        }
    }
}
