package dev.loupe.engine.workflow;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.FinalMetrics;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelManifest;
import dev.loupe.engine.model.Provenance;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.AppInfo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fills a model's manifest and provenance from a finished run. */
final class ManifestFactory {

    private ManifestFactory() {
    }

    static ModelManifest create(List<String> labels, BackboneDescriptor backbone, double temperature,
                                Provenance provenance) {
        return new ModelManifest(ModelBundle.STOCK_FORMAT_VERSION, ModelManifest.KIND, List.copyOf(labels),
                new BackboneRef(backbone.id(), backbone.displayName(), backbone.cutLayer(), backbone.featureDim()),
                backbone.input(), temperature, provenance);
    }

    static Provenance provenance(TrainingConfig config, Path dataset, String fingerprint,
                                 Map<String, Integer> perClass, List<EpochMetrics> history, int bestEpoch,
                                 EvaluationReport report, int trainImages, int validationImages) {
        // Epoch 0: a fine-tuning run that kept its head (the top scored below it) kept none of its epochs; the
        // model's figures are then the head's evaluation, with no epoch's training accuracy or loss to give.
        EpochMetrics best = bestEpoch >= 1 ? history.get(bestEpoch - 1)
                : new EpochMetrics(0, Double.NaN, Double.NaN, Double.NaN, report.accuracy());
        FinalMetrics metrics = new FinalMetrics(bestEpoch, history.size(), best.trainAccuracy(),
                best.validationAccuracy(), best.validationLoss(), report.calibrationError(), trainImages,
                validationImages);
        return new Provenance(config, dataset.toString(), fingerprint, new java.util.LinkedHashMap<>(perClass), metrics,
                AppInfo.version(), Instant.now().toString());
    }
}
