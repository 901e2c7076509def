package dev.loupe.engine.workflow;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ZooCatalogue;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.dataset.LeftOut;
import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.Evaluator;
import dev.loupe.engine.features.AugmentedFeatures;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.finetune.BackboneTop;
import dev.loupe.engine.finetune.Checkpoint;
import dev.loupe.engine.finetune.CutPass;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.training.ChosenHead;
import dev.loupe.engine.training.LabelledFeatures;
import dev.loupe.engine.training.TrainedHead;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.training.TrainingRows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a model on a dataset folder: scan, features (cached), split, train the head, evaluate on the validation
 * split, save the bundle. Stages and epochs are reported through the monitor.
 */
public final class TrainWorkflow {

    private final BackboneRegistry backbones;
    private final ExtractorFactory extractors;

    public TrainWorkflow(BackboneRegistry backbones, ExtractorFactory extractors) {
        this.backbones = backbones;
        this.extractors = extractors;
    }

    /**
     * Fails at once, before a run is recorded, when the config's backbone is unknown or not on this machine (a zoo
     * backbone not downloaded yet): such an attempt is not a run.
     */
    public void requireAvailable(TrainingConfig config) throws BackboneException {
        ZooCatalogue.requireDownloaded(backbones.require(config.backbone()));
    }

    public TrainOutcome run(Path datasetRoot, TrainingConfig config, Path output, JobMonitor monitor)
            throws Exception {
        return run(datasetRoot, config, output, Checkpoint.none(), monitor);
    }

    /**
     * @param checkpoint where fine-tuning keeps its state after each epoch, and whether it continues from there
     *                   (ignored when the config fine-tunes nothing)
     */
    public TrainOutcome run(Path datasetRoot, TrainingConfig config, Path output, Checkpoint checkpoint,
                            JobMonitor monitor) throws Exception {
        return run(datasetRoot, config, output, checkpoint, KeptHead.none(), monitor);
    }

    /**
     * @param kept where a fine-tuning run keeps the head it chose, and the choice a resumed one goes on with instead
     *             of choosing again (ignored when the config fine-tunes nothing)
     */
    public TrainOutcome run(Path datasetRoot, TrainingConfig config, Path output, Checkpoint checkpoint,
                            KeptHead kept, JobMonitor monitor) throws Exception {
        long start = System.currentTimeMillis();
        BackboneDescriptor backbone = backbones.require(config.backbone());
        BackboneTop top = config.fineTuneBlocks() == 0 ? null
                : FineTuneStep.cut(backbone, config.fineTuneBlocks(), monitor);
        monitor.stage("Scanning " + datasetRoot);
        DatasetSnapshot dataset = new DatasetScanner().scan(datasetRoot);
        double validationPercent = config.validationPercent();
        // Closing it deletes the cut maps the features' pass took that fine-tuning did not take (cancel, failure).
        try (CutPass pass = top == null ? null : new CutPass(top, FineTuneStep.cacheFolder(dataset.root()),
                hash -> DatasetSplit.isValidation(hash, validationPercent))) {
            return run(dataset, backbone, top, pass, config, output, checkpoint, kept, monitor, start);
        }
    }

    private TrainOutcome run(DatasetSnapshot dataset, BackboneDescriptor backbone, BackboneTop top, CutPass pass,
                             TrainingConfig config, Path output, Checkpoint checkpoint, KeptHead kept,
                             JobMonitor monitor, long start) throws Exception {
        FeatureSet features;
        SplitFeatures split;
        AugmentedFeatures.Result augmented;
        try (Catalogue catalogue = Catalogue.open(dataset.root())) {
            features = new FeatureService(extractors).features(dataset, catalogue, backbone, pass, monitor);
            split = SplitFeatures.of(features.samples(), config.validationPercent());
            // Only training images get variants: validation must measure the model on photos as they are.
            config = config.withAugmentations(config.augmentationsFor(split.train().size()));
            augmented = AugmentedFeatures.of(split.train(), config.augmentations(), config.augmentColour(),
                    catalogue.features(), extractors, backbone, monitor);
        }
        // What the scan left out is said first: "5 HEIC photos are not supported yet" explains an empty class.
        List<String> warnings = new ArrayList<>(LeftOut.sentences(dataset.leftOut()));
        List<String> labels = TrainingLabels.choose(dataset, features.samples(), warnings);
        warnings.forEach(monitor::warning);

        TrainingRows train = new TrainingRows(SplitFeatures.labelled(split.train(), labels),
                SplitFeatures.labelled(augmented.samples(), labels), augmented.originalOf());
        LabelledFeatures validation = SplitFeatures.labelled(split.validation(), labels);
        ChosenHead chosen;
        if (top != null && kept.resumes()) {
            chosen = kept.restore(train, validation, labels, backbone, config, FineTuneStep.withoutEpochs(monitor));
        } else {
            chosen = ChosenHead.train(train, validation, labels.size(), config,
                    top == null ? monitor : FineTuneStep.withoutEpochs(monitor));
            if (top != null) {
                kept.save(chosen, labels, backbone, monitor);
            }
        }
        TrainedHead head = chosen.head();
        FineTuneStep.Tuned tuned = top == null ? null
                : FineTuneStep.run(dataset.root(), top, split, augmented.samples(), labels, chosen, config,
                checkpoint, pass, monitor);
        List<EpochMetrics> history = tuned == null ? head.history() : tuned.result().history();

        monitor.stage("Evaluating");
        boolean onValidation = !split.validation().isEmpty();
        List<Sample> evaluated = onValidation ? split.validation() : split.train();
        EvaluationReport report = evaluate(new ModelBundle(ManifestFactory.create(labels, backbone,
                head.temperature(), null), head.scaler(), head.network()), evaluated, labels);
        FineTuneSummary fineTuned = null;
        if (tuned != null) {
            // The head alone is fine-tuning's epoch 0: a top that scores below it on the same photos is not kept.
            EvaluationReport tunedReport = FineTuneStep.evaluate(tuned, evaluated, labels);
            fineTuned = tuned.summary().against(report.accuracy());
            if (fineTuned.keptHead()) {
                tuned = null;
            } else {
                report = tunedReport;
            }
        }
        // A run that fine-tuned but kept the head has no kept epoch: its curves are the fine-tuning's.
        int bestEpoch = tuned != null ? tuned.result().bestEpoch() : top == null ? head.bestEpoch() : 0;
        double temperature = tuned == null ? head.temperature() : tuned.result().temperature();

        monitor.stage("Saving " + output.getFileName());
        Map<String, Integer> perClass = TrainingLabels.countPerClass(features.samples(), labels);
        ModelManifest manifest = ManifestFactory.create(labels, backbone, temperature,
                ManifestFactory.provenance(chosen.config(), dataset.root(), DatasetFingerprint.of(features.samples()),
                        perClass, history, bestEpoch, report, split.train().size(), validation.size()));
        ModelBundle bundle = tuned == null ? new ModelBundle(manifest, head.scaler(), head.network())
                : FineTuneStep.bundle(manifest, tuned);
        monitor.checkCancelled(); // the last moment a cancel can stop it: the model file is then written whole
        ModelFiles.save(bundle, output);
        return new TrainOutcome(output, bundle.manifest(), history, bestEpoch,
                features.extracted() + augmented.extracted(), features.cached() + augmented.cached(),
                features.problems(), warnings, report,
                onValidation ? "validation" : "training", System.currentTimeMillis() - start, chosen.config(),
                chosen.choice(), fineTuned);
    }

    static EvaluationReport evaluate(ModelBundle model, List<Sample> samples, List<String> labels) {
        LabelledFeatures data = SplitFeatures.labelled(samples, labels);
        float[][] p = model.probabilities(data.x());
        return Evaluator.evaluate(labels, p, data.y(), samples.stream().map(s -> s.image().relativePath()).toList());
    }
}
