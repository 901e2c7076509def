package dev.loupe.ui.curate;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.engine.inbox.AutoRetrain;
import dev.loupe.engine.inbox.Calibration;
import dev.loupe.engine.inbox.Inbox;
import dev.loupe.engine.inbox.InboxJob;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.runs.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the inbox gets its suggestions and its background retrain: the engine's inbox jobs, injectable so the
 * keyboard loop's tests run on a made-up inbox in a second.
 */
interface InboxSource {

    /** Loads the inbox with the selected run's suggestions (features from the cache). */
    Job<Inbox> load(Path dataset) throws IOException;

    /** An automatic run on the cached features; it becomes the selected run when it finishes. */
    Job<RunRecord> retrain(Path dataset) throws IOException;

    /** No model and no features: the pane's tests that are not about suggestions. */
    static InboxSource none() {
        return new InboxSource() {
            @Override
            public Job<Inbox> load(Path dataset) {
                return m -> new Inbox(dataset, "none", List.of(), List.of(), List.of(), null, Calibration.NONE, 0,
                        List.of());
            }

            @Override
            public Job<RunRecord> retrain(Path dataset) {
                return m -> {
                    throw new IllegalStateException("No training here");
                };
            }
        };
    }

    /**
     * The bundled backbones through the studio's kept extractors, as Train and the audit use them. Both are read when
     * a job first asks (on its thread), not when the pane is made: reading the registry's JSON on the FX thread was
     * about a tenth of the Curate pane's opening at 100,000 photos (docs/benchmarks.md, Curate with 100,000 images).
     */
    static InboxSource standard() {
        return new InboxSource() {
            @Override
            public Job<Inbox> load(Path dataset) throws IOException {
                return InboxJob.forSelectedRun(BackboneRegistry.standard(), KeptExtractors.studio(), dataset);
            }

            @Override
            public Job<RunRecord> retrain(Path dataset) throws IOException {
                return AutoRetrain.job(BackboneRegistry.standard(), KeptExtractors.studio(), dataset);
            }
        };
    }
}
