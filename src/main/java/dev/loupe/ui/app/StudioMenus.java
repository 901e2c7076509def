package dev.loupe.ui.app;

import dev.loupe.ui.common.EditActions;
import dev.loupe.ui.common.StudioPane;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The menu bar. "Shortcut" accelerators are Ctrl on Linux and Windows and Cmd on macOS. */
final class StudioMenus {

    private StudioMenus() {
    }

    static MenuBar create(StudioViewModel vm, StudioActions actions, List<StudioPane.Factory> panes) {
        MenuBar bar = new MenuBar(file(vm, actions), edit(vm), view(vm, panes), help(vm, actions));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static Menu file(StudioViewModel vm, StudioActions actions) {
        MenuItem open = item("Open Dataset Folder…", MaterialDesignF.FOLDER_OPEN_OUTLINE, "Shortcut+O");
        open.setOnAction(e -> actions.openDatasetFolder());
        MenuItem create = item("New Dataset…", MaterialDesignF.FOLDER_PLUS_OUTLINE, null);
        create.setOnAction(e -> actions.newDataset());
        Menu recent = new Menu("Open Recent", new FontIcon(MaterialDesignH.HISTORY));
        vm.recentDatasets().addListener((ListChangeListener<Path>) c -> fillRecent(recent, vm, actions));
        fillRecent(recent, vm, actions);
        MenuItem importImages = item("Import Images…", MaterialDesignI.IMAGE_PLUS, null);
        importImages.disableProperty().bind(vm.imageImporterProperty().isNull());
        importImages.setOnAction(e -> actions.importImages());
        MenuItem clusterFeatures = item("Import Cluster Features…", MaterialDesignS.SERVER_NETWORK, null);
        clusterFeatures.disableProperty().bind(vm.sessionProperty().isNull());
        clusterFeatures.setOnAction(e -> actions.importClusterFeatures());
        MenuItem quit = item("Quit", MaterialDesignE.EXIT_TO_APP, "Shortcut+Q");
        quit.setOnAction(e -> actions.quit());
        return new Menu("File", null, open, create, recent, new SeparatorMenuItem(), importImages, clusterFeatures,
                new SeparatorMenuItem(), quit);
    }

    private static void fillRecent(Menu menu, StudioViewModel vm, StudioActions actions) {
        menu.getItems().clear();
        for (Path p : vm.recentDatasets()) {
            MenuItem i = new MenuItem((p.getFileName() == null ? p.toString() : p.getFileName().toString()) + "   " + p.getParent());
            i.setDisable(!vm.exists(p));
            i.setMnemonicParsing(false);
            i.setOnAction(e -> actions.openRecent(p));
            menu.getItems().add(i);
        }
        MenuItem clear = new MenuItem("Clear Recent");
        clear.setOnAction(e -> vm.clearRecent());
        clear.setDisable(vm.recentDatasets().isEmpty());
        if (!menu.getItems().isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
        }
        menu.getItems().add(clear);
    }

    private static Menu edit(StudioViewModel vm) {
        MenuItem undo = editItem(vm, "Undo", MaterialDesignU.UNDO, "Shortcut+Z", EditActions::undo, EditActions::canUndo);
        MenuItem redo = editItem(vm, "Redo", MaterialDesignR.REDO, "Shortcut+Shift+Z", EditActions::redo,
                EditActions::canRedo);
        MenuItem all = editItem(vm, "Select All", MaterialDesignS.SELECT_ALL, "Shortcut+A", EditActions::selectAll,
                EditActions::canSelectAll);
        MenuItem delete = editItem(vm, "Delete", MaterialDesignD.DELETE_OUTLINE, "Delete", EditActions::delete,
                EditActions::canDelete);
        return new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), all, delete);
    }

    /** An Edit item that calls the shown pane's actions, and is disabled while no pane handles it. */
    private static MenuItem editItem(StudioViewModel vm, String text, Ikon icon, String keys,
                                     Consumer<EditActions> run, Function<EditActions, ObservableBooleanValue> can) {
        MenuItem item = item(text, icon, keys);
        item.setId("edit-" + text.toLowerCase().replace(' ', '-'));
        item.setOnAction(e -> {
            EditActions a = vm.editActionsProperty().get();
            if (a != null) {
                run.accept(a);
            }
        });
        Runnable rebind = () -> {
            EditActions a = vm.editActionsProperty().get();
            item.disableProperty().unbind();
            if (a == null) {
                item.setDisable(true);
            } else {
                item.disableProperty().bind(Bindings.not(can.apply(a)));
            }
        };
        vm.editActionsProperty().addListener((o, was, now) -> rebind.run());
        rebind.run();
        return item;
    }

    private static Menu view(StudioViewModel vm, List<StudioPane.Factory> panes) {
        Menu menu = new Menu("View");
        for (int i = 0; i < panes.size(); i++) {
            int index = i;
            MenuItem show = item(panes.get(i).title(), panes.get(i).icon(), i < 9 ? "Shortcut+" + (i + 1) : null);
            show.setOnAction(e -> vm.selectedPaneProperty().set(index));
            menu.getItems().add(show);
        }
        menu.getItems().add(new SeparatorMenuItem());
        ToggleGroup group = new ToggleGroup();
        for (ThemeChoice t : ThemeChoice.values()) {
            RadioMenuItem r = new RadioMenuItem(switch (t) {
                case LIGHT -> "Light Theme";
                case DARK -> "Dark Theme";
                case SYSTEM -> "Follow System Theme";
            });
            r.setToggleGroup(group);
            r.setSelected(vm.themeProperty().get() == t);
            r.setOnAction(e -> vm.themeProperty().set(t));
            vm.themeProperty().addListener((o, was, now) -> r.setSelected(now == t));
            menu.getItems().add(r);
        }
        return menu;
    }

    private static Menu help(StudioViewModel vm, StudioActions actions) {
        MenuItem guide = item("Getting Started", MaterialDesignL.LIGHTBULB_ON_OUTLINE, null);
        guide.setOnAction(e -> vm.guideShownProperty().set(true));
        MenuItem keys = item("Keyboard Shortcuts", MaterialDesignK.KEYBOARD_OUTLINE, null);
        keys.setId("help-shortcuts");
        keys.setOnAction(e -> actions.shortcuts());
        MenuItem about = item("About Loupe", MaterialDesignI.INFORMATION_OUTLINE, null);
        about.setOnAction(e -> actions.about());
        return new Menu("Help", null, guide, keys, new SeparatorMenuItem(), about);
    }

    private static MenuItem item(String text, Ikon icon, String keys) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        if (keys != null) {
            item.setAccelerator(KeyCombination.keyCombination(keys));
        }
        return item;
    }
}
