package dev.loupe.ui.train;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.FineTunable;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Finds how many blocks the chosen backbone can fine-tune, for the form's "Fine-tune last blocks", once the Advanced
 * section is open: as its descriptor records it ({@link BackboneDescriptor#fineTunable}), which costs nothing. Only a
 * backbone imported before descriptors recorded it is loaded to find out (on the pane's history queue, never on the FX
 * thread, once per backbone and pane): that took a minute on a loaded machine and holds the network's memory.
 */
final class FineTuneCheck {

    private final TrainSettings settings;
    private final JobExecutor io;
    private final Executor fx;
    private final Map<String, FineTunable> known = new HashMap<>();

    FineTuneCheck(TrainSettings settings, JobExecutor io, Executor fx) {
        this.settings = settings;
        this.io = io;
        this.fx = fx;
        settings.backboneProperty().addListener((o, was, now) -> check(now));
        settings.advancedShownProperty().addListener((o, was, now) -> check(settings.backboneProperty().get()));
        check(settings.backboneProperty().get());
    }

    private void check(BackboneDescriptor d) {
        if (!settings.advancedShownProperty().get()) {
            show(-1, "");
            return;
        }
        if (d == null || BackboneModel.needsDownload(d)) {
            show(0, d == null ? "" : "download it first");
            return;
        }
        FineTunable seen = d.fineTunable() != null ? d.fineTunable() : known.get(d.id());
        if (seen != null) {
            show(seen.maxBlocks(), seen.why());
            return;
        }
        show(-1, "");
        io.submit("Check fine-tuning of " + d.id(), m -> FineTunable.of(BackboneLoader.load(d)))
                .result().whenCompleteAsync((f, e) -> {
                    FineTunable found = f != null ? f : new FineTunable(0, Failures.describe(e));
                    known.put(d.id(), found);
                    if (d.equals(settings.backboneProperty().get())) {
                        show(found.maxBlocks(), found.why());
                    }
                }, fx);
    }

    private void show(int blocks, String why) {
        settings.fineTuneWhyProperty().set(why == null ? "" : why);
        settings.fineTunableProperty().set(blocks);
    }
}
