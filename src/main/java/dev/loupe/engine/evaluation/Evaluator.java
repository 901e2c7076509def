package dev.loupe.engine.evaluation;

import dev.loupe.engine.util.Vectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Computes an {@link EvaluationReport} from predicted probabilities and true labels. */
public final class Evaluator {

    private static final int BINS = 10;

    private Evaluator() {
    }

    /**
     * @param probabilities one row per image, calibrated
     * @param actual        true class index per image
     * @param paths         relative path per image, for the misclassified list
     */
    public static EvaluationReport evaluate(List<String> labels, float[][] probabilities, int[] actual,
                                            List<String> paths) {
        int k = labels.size();
        int[][] confusion = new int[k][k];
        List<Misclassified> wrong = new ArrayList<>();
        int right = 0;
        for (int i = 0; i < actual.length; i++) {
            int predicted = Vectors.argmax(probabilities[i]);
            confusion[actual[i]][predicted]++;
            if (predicted == actual[i]) {
                right++;
            } else {
                wrong.add(new Misclassified(paths.get(i), labels.get(actual[i]), labels.get(predicted),
                        probabilities[i][predicted]));
            }
        }
        wrong.sort(Comparator.comparingDouble(Misclassified::probability).reversed());
        List<ReliabilityBin> bins = reliability(probabilities, actual);
        return new EvaluationReport(List.copyOf(labels), confusion,
                actual.length == 0 ? Double.NaN : (double) right / actual.length, perClass(labels, confusion),
                calibrationError(bins, actual.length), bins, wrong, actual.length);
    }

    private static List<ClassMetrics> perClass(List<String> labels, int[][] confusion) {
        List<ClassMetrics> out = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            int tp = confusion[c][c];
            int support = 0;
            int predicted = 0;
            for (int j = 0; j < labels.size(); j++) {
                support += confusion[c][j];
                predicted += confusion[j][c];
            }
            double precision = predicted == 0 ? Double.NaN : (double) tp / predicted;
            double recall = support == 0 ? Double.NaN : (double) tp / support;
            // No right answer for a class that was there or was predicted is an F1 of 0, not "undefined".
            double f1 = tp > 0 ? 2 * precision * recall / (precision + recall)
                    : support + predicted > 0 ? 0 : Double.NaN;
            out.add(new ClassMetrics(labels.get(c), support, precision, recall, f1));
        }
        return out;
    }

    private static List<ReliabilityBin> reliability(float[][] probabilities, int[] actual) {
        int[] count = new int[BINS];
        double[] confidence = new double[BINS];
        int[] correct = new int[BINS];
        for (int i = 0; i < actual.length; i++) {
            int predicted = Vectors.argmax(probabilities[i]);
            double p = probabilities[i][predicted];
            int bin = Math.min(BINS - 1, (int) (p * BINS));
            count[bin]++;
            confidence[bin] += p;
            if (predicted == actual[i]) {
                correct[bin]++;
            }
        }
        List<ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            out.add(new ReliabilityBin((double) b / BINS, (double) (b + 1) / BINS, count[b],
                    count[b] == 0 ? Double.NaN : confidence[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) correct[b] / count[b]));
        }
        return out;
    }

    private static double calibrationError(List<ReliabilityBin> bins, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double ece = 0;
        for (ReliabilityBin bin : bins) {
            if (bin.count() > 0) {
                ece += (double) bin.count() / n * Math.abs(bin.accuracy() - bin.meanConfidence());
            }
        }
        return ece;
    }

}
