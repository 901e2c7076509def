package dev.loupe.engine.inference;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractionPipeline;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The features a model's head reads. The catalogue holds the stock backbone's; a fine-tuned model's head reads its own
 * backbone's, so its photos are run through that backbone again (not cached: the catalogue is keyed by backbone).
 */
public final class ModelFeatures {

    private ModelFeatures() {
    }

    /**
     * {@code samples} with the features {@code model}'s head reads: the same list for a stock model; for a fine-tuned
     * one, those its backbone gives, in order, a photo it cannot read left out.
     */
    public static List<Sample> of(ModelBundle model, Path modelFile, List<Sample> samples, BackboneRegistry registry,
                                  ExtractorFactory extractors, JobMonitor monitor) throws Exception {
        BackbonePatch patch = model.patch();
        if (patch == null || samples.isEmpty()) {
            return samples;
        }
        Sample[] out = new Sample[samples.size()];
        monitor.stage("Running the fine-tuned backbone on " + samples.size() + " images");
        try (FeatureExtractor tuned = extractors.open(model.backbone(registry, modelFile), patch)) {
            ExtractionPipeline.run(samples.stream().map(s -> s.image().file()).toList(), tuned, monitor,
                    new ExtractionPipeline.Sink() {
                        @Override
                        public void features(int index, float[] vector) {
                            Sample s = samples.get(index);
                            out[index] = new Sample(s.image(), s.hash(), vector);
                        }

                        @Override
                        public void failed(int index, String reason) {
                            // Read once already for the stock features: a photo changed since is left out.
                        }
                    });
        } catch (BackbonePatch.Mismatch e) {
            throw model.notFitting(modelFile, e);
        }
        List<Sample> read = new ArrayList<>();
        for (Sample s : out) {
            if (s != null) {
                read.add(s);
            }
        }
        return read;
    }
}
