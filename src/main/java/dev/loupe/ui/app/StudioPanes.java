package dev.loupe.ui.app;

import dev.loupe.ui.common.StudioPane;
import dev.loupe.ui.classify.ClassifyPane;
import dev.loupe.ui.curate.CuratePane;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;

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
                ctx -> new PlaceholderPane(ctx, "Train", MaterialDesignB.BRAIN,
                        "No model trained yet",
                        "Train a classifier on “%s” from a pretrained MobileNetV2; runs and their metrics will appear here."),
                ClassifyPane::new);
    }
}
