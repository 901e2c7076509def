package dev.loupe.engine.evaluation;

import java.util.List;

/**
 * @param confusion          confusion[actual][predicted] counts, in label order
 * @param calibrationError   expected calibration error over 10 confidence bins
 * @param reliability        the bins behind it (for a reliability diagram)
 */
public record EvaluationReport(List<String> labels, int[][] confusion, double accuracy, List<ClassMetrics> perClass,
                               double calibrationError, List<ReliabilityBin> reliability,
                               List<Misclassified> misclassified, int images) {
}
