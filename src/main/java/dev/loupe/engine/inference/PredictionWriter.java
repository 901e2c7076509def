package dev.loupe.engine.inference;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Predictions as CSV: path, label, probability, top-k ("label:prob;label:prob"), error. */
public final class PredictionWriter {

    private PredictionWriter() {
    }

    public static String csv(List<Prediction> predictions) {
        StringBuilder sb = new StringBuilder("path,label,probability,top_k,error\n");
        for (Prediction p : predictions) {
            String top = p.top().stream()
                    .map(s -> s.label() + ":" + String.format(Locale.ROOT, "%.4f", s.probability()))
                    .collect(Collectors.joining(";"));
            sb.append(quote(p.file().toString())).append(',')
                    .append(p.ok() ? quote(p.best().label()) : "").append(',')
                    .append(p.ok() ? String.format(Locale.ROOT, "%.4f", p.best().probability()) : "").append(',')
                    .append(quote(top)).append(',')
                    .append(p.ok() ? "" : quote(p.error())).append('\n');
        }
        return sb.toString();
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
