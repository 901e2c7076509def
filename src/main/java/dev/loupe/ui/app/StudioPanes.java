package dev.loupe.ui.app;

import dev.loupe.ui.classify.ClassifyPane;
import dev.loupe.ui.common.StudioPane;
import dev.loupe.ui.curate.CuratePane;
import dev.loupe.ui.train.TrainPane;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;

/** The studio's three panes, in sidebar order. */
public final class StudioPanes {

    /** Index of the Classify pane in {@link #defaults()}. */
    public static final int CLASSIFY = 2;

    private StudioPanes() {
    }

    public static List<StudioPane.Factory> defaults() {
        return List.of(
                StudioPane.Factory.of("Curate", MaterialDesignI.IMAGE_MULTIPLE_OUTLINE, CuratePane::new),
                StudioPane.Factory.of("Train", MaterialDesignB.BRAIN, TrainPane::new),
                StudioPane.Factory.of("Classify", MaterialDesignT.TAG_OUTLINE, ClassifyPane::new));
    }
}
