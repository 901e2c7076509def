package dev.loupe.ui.app;

import dev.loupe.ui.common.StudioPane;
import dev.loupe.ui.curate.CuratePane;
import dev.loupe.ui.train.TrainPane;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;

/**
 * The studio's three panes, in sidebar order. Each is a {@link StudioPane.Factory}; to plug in a real pane, replace
 * its placeholder line here with e.g. {@code CuratePane::new} (a constructor taking a StudioContext).
 */
public final class StudioPanes {

    private StudioPanes() {
    }

    public static List<StudioPane.Factory> defaults() {
        return List.of(
                CuratePane::new,
                TrainPane::new,
                ctx -> new PlaceholderPane(ctx, "Classify", MaterialDesignT.TAG_OUTLINE,
                        "Nothing classified yet",
                        "Once a model is trained on “%s”, new images and their predicted classes will appear here."));
    }
}
