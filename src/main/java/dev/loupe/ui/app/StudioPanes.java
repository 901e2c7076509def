package dev.loupe.ui.app;

import dev.loupe.ui.common.StudioPane;
import dev.loupe.ui.classify.ClassifyPane;
import dev.loupe.ui.curate.CuratePane;
import dev.loupe.ui.train.TrainPane;

import java.util.List;

/** The studio's three panes, in sidebar order; each is a {@link StudioPane.Factory} taking the studio's context. */
public final class StudioPanes {

    /** Index of the Classify pane in {@link #defaults()}. */
    public static final int CLASSIFY = 2;

    private StudioPanes() {
    }

    public static List<StudioPane.Factory> defaults() {
        return List.of(
                CuratePane::new,
                TrainPane::new,
                ClassifyPane::new);
    }
}
