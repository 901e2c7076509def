package dev.loupe.engine.workflow;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.Evaluator;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.finetune.BackboneTop;
import dev.loupe.engine.finetune.Checkpoint;
import dev.loupe.engine.finetune.CutPass;
import dev.loupe.engine.finetune.FineTuneSettings;
import dev.loupe.engine.finetune.FineTuner;
import dev.loupe.engine.finetune.StartHead;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.model.FineTunedModels;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.ChosenHead;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainingConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The fine-tuning part of a training run: the top of the backbone trained on the run's own split (the training photos,
 * with their augmented variants when the run's head trains with them), started from the head the run chose, weighing
 * classes as the head does, its cut maps cached beside the catalogue ({@code .loupe/finetune}).
 */
final class FineTuneStep {

    private FineTuneStep() {
    }

    /** The kept top's figures on the photos it was scored on (the validation photos, in the split's order). */
    static EvaluationReport evaluate(Tuned tuned, List<Sample> validation, List<String> labels) {
        return Evaluator.evaluate(labels, tuned.result().validation(),
                SplitFeatures.labelled(validation, labels).y(),
                validation.stream().map(s -> s.image().relativePath()).toList());
    }

    /** The model file's content: the trained softmax as the head, the trained blocks as the backbone's patch. */
    static ModelBundle bundle(ModelManifest manifest, Tuned tuned) throws BackboneException {
        return FineTunedModels.bundle(manifest, tuned.result().top(), tuned.result().network());
    }

    /** Loads the backbone and finds its cut, so a backbone that cannot be fine-tuned is refused before any work. */
    static BackboneTop cut(BackboneDescriptor backbone, int blocks, JobMonitor monitor) throws BackboneException {
        monitor.stage("Loading " + backbone.id() + " to fine-tune it");
        return BackboneTop.find(BackboneLoader.load(backbone), blocks);
    }

    /** The trained top and what to say about it. */
    record Tuned(FineTuner.Result result, FineTuneSummary summary) {
    }

    /** @param variants the training photos' augmented variants, used when the chosen head trains with them */
    static Tuned run(Path datasetRoot, BackboneTop top, SplitFeatures split, List<Sample> variants,
                     List<String> labels, ChosenHead chosen, TrainingConfig config, Checkpoint checkpoint,
                     CutPass pass, JobMonitor monitor)
            throws IOException, BackboneException {
        if (split.validation().isEmpty()) {
            throw new IllegalArgumentException("Fine-tuning stops at its best epoch on validation photos, and this "
                    + "dataset has none at " + config.validationPercent() + "%: add photos or raise the validation share");
        }
        // What the head trained on (the search may have left the variants out: then the config says 0).
        List<Sample> rows = chosen.config().augmentations() == 0 || variants.isEmpty() ? split.train()
                : java.util.stream.Stream.concat(split.train().stream(), variants.stream()).toList();
        LabelledFeatures train = SplitFeatures.labelled(rows, labels);
        LabelledFeatures validation = SplitFeatures.labelled(split.validation(), labels);
        StartHead start = StartHead.of(chosen.head(), chosen.config(), train, validation, labels.size(),
                withoutEpochs(monitor));
        Path cache = cacheFolder(datasetRoot);
        FineTuner.Result r = new FineTuner().tune(top, photos(rows, train),
                photos(split.validation(), validation), labels.size(), start, FineTuneSettings.forRun(config),
                cache, checkpoint, pass, monitor);
        return new Tuned(r, new FineTuneSummary(top.backbone().id(), top.blocks(), r.history().size(), r.bestEpoch(),
                r.history().get(r.bestEpoch() - 1).validationAccuracy(), r.startAccuracy(), start.refitted()));
    }

    /** Where a dataset's cut maps are kept. */
    static Path cacheFolder(Path datasetRoot) {
        return Catalogue.locate(datasetRoot).getParent().resolve("finetune");
    }

    /**
     * The monitor the head's training reports to when the run fine-tunes: everything passes but its epochs, so the
     * run's curves (live and recorded) are the fine-tuning's alone, not an L-BFGS fit followed by epochs from 1 again.
     */
    static JobMonitor withoutEpochs(JobMonitor out) {
        return new ForwardingMonitor(out) {
            @Override
            public void partial(Partial record) {
                if (!(record instanceof EpochMetrics)) {
                    super.partial(record);
                }
            }
        };
    }

    private static FineTuner.Photos photos(List<Sample> samples, LabelledFeatures labelled) {
        return new FineTuner.Photos(samples.stream().map(s -> s.image().file()).toList(),
                samples.stream().map(Sample::hash).toList(), labelled.y());
    }
}
