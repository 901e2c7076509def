package dev.loupe.engine.model;

import dev.loupe.engine.training.TrainingConfig;

import java.util.Map;

/**
 * Where a model came from: enough to reproduce the run and to tell whether the dataset changed since.
 *
 * @param datasetFingerprint SHA-256 over every training image's path, label and content hash
 * @param created            ISO-8601 instant
 */
public record Provenance(TrainingConfig config, String datasetPath, String datasetFingerprint,
                         Map<String, Integer> imagesPerClass, FinalMetrics metrics, String appVersion,
                         String created) {
}
