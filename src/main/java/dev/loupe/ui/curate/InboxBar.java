package dev.loupe.ui.curate;

import dev.loupe.ui.common.Plurals;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import java.util.function.Supplier;

/**
 * The line above the grid while it shows the inbox: how many photos wait for a label and what to do next. A folder
 * of unsorted photos opens here (issue 17 offered to put them all in one class; now they wait in the inbox).
 */
final class InboxBar {

    private InboxBar() {
    }

    static HBox create(CurateViewModel vm, Supplier<CurateDialogs> dialogs) {
        Label text = new Label();
        text.setId("inbox-hint");
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.looseProperty().get();
            String waiting = n == 0 ? "The inbox is empty" : Plurals.of(n, "photo") + (n == 1 ? " waits" : " wait")
                    + " for a label";
            return vm.classes().isEmpty()
                    ? waiting + ". Make a class for each kind of photo, then drag each photo onto its class."
                    : waiting + ". Drag photos onto a class, or right-click › Move to.";
        }, vm.looseProperty(), vm.classes()));
        text.getStyleClass().add("text-muted");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button newClass = new Button("New class…", new FontIcon(MaterialDesignF.FOLDER_PLUS_OUTLINE));
        newClass.setId("start-from-loose");
        newClass.setOnAction(e -> dialogs.get().askName("New Class", "Name of the new class:", "")
                .ifPresent(vm::makeClass));
        Region spacer = new Region();
        HBox bar = new HBox(10, text, spacer, newClass);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("inbox-bar");
        bar.setId("inbox-bar");
        return bar;
    }
}
