package dev.loupe.ui.common;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

import java.util.function.Function;

/**
 * One of the studio's main panes (Curate, Train, Classify), made for one dataset session by its {@link Factory} and
 * closed when the session ends. The studio shows the factory's title and icon in its sidebar and View menu and
 * {@link #view()} in its centre.
 */
public interface StudioPane extends AutoCloseable {

    /** The pane's root node; made on first call and kept for the pane's life. */
    Node view();

    /** What the Edit menu calls while this pane is shown; null leaves Undo, Redo, Select All and Delete disabled. */
    default EditActions editActions() {
        return null;
    }

    /** Where File › Import Images… sends the chosen files; null (the default) disables that item. */
    default ImageImporter imageImporter() {
        return null;
    }

    /** Stops the pane's timers and leaves its jobs to the session, which cancels them as it closes. FX thread. */
    @Override
    default void close() {
    }

    /** A kind of pane: its name and icon, and how to make one for a session. */
    interface Factory {
        String title();

        Ikon icon();

        StudioPane create(StudioContext context);

        static Factory of(String title, Ikon icon, Function<StudioContext, StudioPane> create) {
            return new Factory() {
                @Override public String title() { return title; }
                @Override public Ikon icon() { return icon; }
                @Override public StudioPane create(StudioContext context) { return create.apply(context); }
            };
        }
    }
}
