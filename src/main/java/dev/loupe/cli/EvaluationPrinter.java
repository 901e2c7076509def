package dev.loupe.cli;

import dev.loupe.engine.evaluation.ClassMetrics;
import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.Misclassified;

import java.io.PrintWriter;
import java.util.List;

/** Prints an evaluation as a confusion matrix, a per-class table and the worst mistakes. */
final class EvaluationPrinter {

    private EvaluationPrinter() {
    }

    static void print(PrintWriter out, EvaluationReport r, String on, int maxMistakes) {
        out.printf("Accuracy on %s: %s of %d images; expected calibration error %s%n", on, Output.pct(r.accuracy()),
                r.images(), Output.num(r.calibrationError()));
        List<String> labels = r.labels().stream().map(TerminalText::safe).toList();
        int w = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(10));
        out.printf("%-" + w + "s  %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "images");
        for (ClassMetrics c : r.perClass()) {
            out.printf("%-" + w + "s  %9s %9s %9s %8d%n", TerminalText.safe(c.label()), Output.num(c.precision()),
                    Output.num(c.recall()), Output.num(c.f1()), c.support());
        }
        out.println("Confusion matrix (rows: actual, columns: predicted):");
        out.printf("%-" + w + "s", "");
        for (int j = 0; j < labels.size(); j++) {
            out.printf(" %6s", abbreviate(labels.get(j)));
        }
        out.println();
        for (int i = 0; i < r.labels().size(); i++) {
            out.printf("%-" + w + "s", labels.get(i));
            for (int j = 0; j < r.labels().size(); j++) {
                out.printf(" %6d", r.confusion()[i][j]);
            }
            out.println();
        }
        if (!r.misclassified().isEmpty()) {
            out.printf("Misclassified (%d), most confident first:%n", r.misclassified().size());
            r.misclassified().stream().limit(maxMistakes).forEach((Misclassified m) -> out.printf(
                    "  %s: labelled %s, predicted %s (%s)%n", TerminalText.safe(m.relativePath()),
                    TerminalText.safe(m.actual()), TerminalText.safe(m.predicted()),
                    Output.pct(m.probability())));
            if (r.misclassified().size() > maxMistakes) {
                out.printf("  ... and %d more (--json lists all)%n", r.misclassified().size() - maxMistakes);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 6 ? s : s.substring(0, 6);
    }
}
