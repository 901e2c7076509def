package dev.loupe.ui.curate;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.util.function.Supplier;

/** The left column: the inbox, then the class list with add, rename and delete as buttons and as a context menu. */
final class ClassPanel {

    /** The panel's width at the open, before the user drags it. */
    static final double WIDTH = 250;

    private ClassPanel() {
    }

    static VBox create(CurateViewModel vm, Supplier<CurateDialogs> dialogs) {
        ListView<ClassRow> list = new ListView<>(vm.classes());
        list.setId("class-list");
        list.getStyleClass().add("class-list");
        list.setCellFactory(l -> new ClassCell(vm));
        // The list follows the view model's selected class and the other way round.
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedClassProperty().set(now.name());
            }
        });
        Runnable syncSelection = () -> vm.classes().stream()
                .filter(r -> r.name().equals(vm.selectedClassProperty().get())).findFirst()
                .ifPresent(r -> list.getSelectionModel().select(r));
        vm.selectedClassProperty().addListener((o, was, now) -> syncSelection.run());
        vm.classes().addListener((javafx.collections.ListChangeListener<ClassRow>) c -> syncSelection.run());
        VBox.setVgrow(list, Priority.ALWAYS);

        Runnable add = () -> dialogs.get().askName("New Class", "Name of the new class:", "")
                .ifPresent(vm::makeClass);
        Runnable rename = () -> selected(vm).ifPresent(c -> dialogs.get()
                .askName("Rename Class", "New name for “" + c + "”:", c).ifPresent(n -> vm.renameClass(c, n)));
        Runnable delete = () -> selected(vm).ifPresent(c -> {
            if (dialogs.get().confirm("Delete Class", "Move the class “" + c + "” and its images to the dataset's "
                    + "trash? You can undo this.")) {
                vm.deleteClass(c);
            }
        });
        MenuItem renameItem = menuItem("Rename…", MaterialDesignP.PENCIL_OUTLINE, rename);
        renameItem.setAccelerator(new KeyCodeCombination(KeyCode.F2));
        list.setContextMenu(new ContextMenu(menuItem("New Class…", MaterialDesignF.FOLDER_PLUS_OUTLINE, add),
                renameItem, new SeparatorMenuItem(),
                menuItem("Delete Class", MaterialDesignD.DELETE_OUTLINE, delete)));
        // F2 renames, as in file managers; a context menu's accelerator only shows, so the list handles the key.
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F2) {
                rename.run();
                e.consume();
            }
        });

        Label heading = new Label("CLASSES");
        heading.getStyleClass().add("class-panel-heading");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button addButton = button(MaterialDesignF.FOLDER_PLUS_OUTLINE, "New class", add);
        addButton.setId("add-class");
        Button renameButton = button(MaterialDesignP.PENCIL_OUTLINE, "Rename class", rename);
        Button deleteButton = button(MaterialDesignD.DELETE_OUTLINE, "Delete class (to the trash)", delete);
        renameButton.disableProperty().bind(vm.selectedClassProperty().isNull());
        deleteButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.selectedClassProperty().get() == null, vm.selectedClassProperty()));
        HBox header = new HBox(2, heading, spacer, addButton, renameButton, deleteButton);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("class-panel-header");
        // Clicking the inbox leaves no class selected; clicking the class that was selected before selects it again.
        vm.inboxShownProperty().addListener((o, was, now) -> {
            if (now) {
                list.getSelectionModel().clearSelection();
            }
        });
        VBox panel = new VBox(InboxRow.create(vm), header, list);
        panel.getStyleClass().add("class-panel");
        panel.setPrefWidth(WIDTH);
        panel.setMinWidth(180);
        return panel;
    }

    private static java.util.Optional<String> selected(CurateViewModel vm) {
        return java.util.Optional.ofNullable(vm.selectedClassProperty().get());
    }

    private static MenuItem menuItem(String text, Ikon icon, Runnable action) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button button(Ikon icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll("button-icon", "flat", "small");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
