package dev.loupe.ui.common;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One of the studio's main panes (Curate, Train, Classify). The studio shows {@link #title()} and {@link #icon()} in
 * its sidebar and View menu and {@link #view()} in its centre; a pane plugs in by supplying a {@link Factory}.
 */
public interface StudioPane {

    String title();

    Ikon icon();

    /** The pane's root node; called once, the studio keeps it while the window lives. */
    Node view();

    /** What the Edit menu calls while this pane is shown; null leaves Undo, Redo, Select All and Delete disabled. */
    default EditActions editActions() {
        return null;
    }

    /** Where File › Import Images… sends the chosen files; null (the default) disables that item. */
    default ImageImporter imageImporter() {
        return null;
    }

    /** Creates a pane for the studio's context; the studio calls it once per window. */
    @FunctionalInterface
    interface Factory {
        StudioPane create(StudioContext context);
    }
}
