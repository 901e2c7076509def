package dev.loupe.ui.train;

import dev.loupe.engine.evaluation.EvaluationReport;
import dev.loupe.engine.evaluation.ReliabilityBin;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.Locale;

/**
 * How far to trust the model's confidence: per confidence bin, a bar as high as the share of right answers, against
 * the diagonal where confidence equals accuracy. Bars under the diagonal mean over-confidence. The ECE is above it.
 */
final class ReliabilityDiagram {

    private static final double SIZE = 190;
    private static final double PAD = 24;
    private final Canvas canvas = new Canvas(SIZE + PAD + 6, SIZE + PAD + 6);
    private final Label ece = new Label();
    private final VBox root;

    ReliabilityDiagram(EvaluationModel model) {
        Label title = new Label("Reliability");
        title.getStyleClass().add("section-title");
        ece.setId("ece");
        ece.getStyleClass().addAll("text-muted", "text-small");
        root = new VBox(6, title, ece, canvas);
        model.reportProperty().addListener((o, was, now) -> draw(now));
        draw(model.reportProperty().get());
    }

    Node node() {
        return root;
    }

    private void draw(EvaluationReport r) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        ece.setText(r == null ? "" : String.format(Locale.ROOT, "expected calibration error %.3f", r.calibrationError()));
        double x0 = PAD;
        double y0 = 4;
        g.setStroke(Color.gray(0.6));
        g.setLineWidth(1);
        g.strokeRect(x0, y0, SIZE, SIZE);
        if (r != null) {
            int n = r.reliability().size();
            for (ReliabilityBin bin : r.reliability()) {
                if (bin.count() == 0) {
                    continue;
                }
                double left = x0 + bin.from() * SIZE;
                double h = bin.accuracy() * SIZE;
                g.setFill(Color.rgb(9, 105, 218, 0.75));
                g.fillRect(left + 1, y0 + SIZE - h, SIZE / n - 2, h);
            }
        }
        g.setStroke(Color.rgb(207, 34, 46));
        g.setLineDashes(5, 4);
        g.strokeLine(x0, y0 + SIZE, x0 + SIZE, y0);
        g.setLineDashes();
        g.setFill(Color.gray(0.5));
        g.fillText("0", x0 - 10, y0 + SIZE + 14);
        g.fillText("confidence →", x0 + SIZE / 2 - 30, y0 + SIZE + 16);
        g.fillText("1", x0 + SIZE - 4, y0 + SIZE + 14);
        g.fillText("1", x0 - 10, y0 + 10);
    }
}
