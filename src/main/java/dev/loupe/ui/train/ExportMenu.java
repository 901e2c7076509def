package dev.loupe.ui.train;

import dev.loupe.ui.common.Choosers;
import dev.loupe.engine.export.Exporter;
import dev.loupe.engine.export.Exporters;
import dev.loupe.engine.runs.RunRecord;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;

import java.io.File;
import java.util.function.Supplier;

/**
 * A run's Export menu: its Loupe model as a {@code .loupe} copy, then every format {@link Exporters} lists (the
 * same exports as {@code loupe export}), each asking where to write.
 */
final class ExportMenu {

    private ExportMenu() {
    }

    static MenuButton create(TrainViewModel vm, Supplier<RunRecord> selected, Supplier<Window> window) {
        MenuButton menu = new MenuButton("Export", new FontIcon(MaterialDesignE.EXPORT));
        menu.setId("export-run");
        menu.getStyleClass().add("small");
        MenuItem loupe = new MenuItem("Loupe model (.loupe)…");
        loupe.setOnAction(e -> {
            RunRecord run = selected.get();
            File file = chooser(vm, run, "the model", "model-" + run.id() + ".loupe").showSaveDialog(window.get());
            if (file != null) {
                vm.export(run, file.toPath());
            }
        });
        menu.getItems().addAll(loupe, new SeparatorMenuItem());
        for (Exporter format : Exporters.all()) {
            String text = format.description();
            // A menu item starts with a capital; the engine's description also ends "Writing …" sentences.
            MenuItem item = new MenuItem(Character.toUpperCase(text.charAt(0)) + text.substring(1) + "…");
            item.setId("export-" + format.format());
            item.setOnAction(e -> {
                RunRecord run = selected.get();
                String what = format.output() == Exporter.Output.FOLDER ? "as a folder (" + format.format() + ")"
                        : "as " + format.format();
                File file = chooser(vm, run, what, format.suggestedName("model-" + run.id())).showSaveDialog(window.get());
                if (file != null) {
                    vm.exportAs(run, format.format(), file.toPath());
                }
            });
            menu.getItems().add(item);
        }
        return menu;
    }

    /** Opens in the folder that holds the dataset (GTK's chooser otherwise opens on "Recent"). */
    private static FileChooser chooser(TrainViewModel vm, RunRecord run, String what, String name) {
        java.nio.file.Path folder = vm.session().root().toAbsolutePath().getParent();
        FileChooser chooser = Choosers.in("Export run " + run.id() + " " + what, folder);
        chooser.setInitialFileName(name);
        return chooser;
    }
}
