package dev.loupe.ui.common;

import dev.loupe.engine.image.ImageFormats;
import javafx.stage.FileChooser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The studio's file choosers: they open in a real folder (GTK's chooser otherwise opens on "Recent") and list only
 * the files that fit, with "All files" one click away.
 */
public final class Choosers {

    private Choosers() {
    }

    /** A chooser of images Loupe reads (every extension it decodes), starting in {@code folder}. */
    public static FileChooser images(String title, Path folder) {
        FileChooser chooser = in(title, folder);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images",
                ImageFormats.extensions().stream().sorted().map(e -> "*." + e).toList()));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    /** A chooser of Loupe models ({@code *.loupe}), starting in {@code folder}. */
    public static FileChooser models(String title, Path folder) {
        FileChooser chooser = in(title, folder);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Loupe models", "*.loupe"));
        return chooser;
    }

    /** A chooser starting in {@code folder} if it exists, else the user's home folder. */
    public static FileChooser in(String title, Path folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        Path start = folder != null && Files.isDirectory(folder) ? folder : Path.of(System.getProperty("user.home"));
        chooser.setInitialDirectory(start.toFile());
        return chooser;
    }
}
