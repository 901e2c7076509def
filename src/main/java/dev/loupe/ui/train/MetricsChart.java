package dev.loupe.ui.train;

import dev.loupe.engine.training.EpochMetrics;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One chart of a run's curves: training and validation (solid), a compared run's (dashed, same colours) and a
 * vertical marker at the best epoch. Axes are set by hand, never auto-ranged: epochs from 0 to at least 10, loss
 * from 0, accuracy 0-100 %, so the first point already sits on a sensible chart and nothing jumps as points arrive.
 * The five series always exist in the same order, so train.css can style them by their default-colorN class.
 */
final class MetricsChart {

    /** Which figures a chart plots. */
    enum Kind { LOSS, ACCURACY }

    private static final int SYMBOLS_UP_TO = 40;
    private final Kind kind;
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();

    MetricsChart(Kind kind) {
        this.kind = kind;
        chart.setTitle(kind == Kind.LOSS ? "Loss" : "Accuracy");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.getStyleClass().add("metrics-chart");
        chart.setId(kind == Kind.LOSS ? "loss-chart" : "accuracy-chart");
        x.setLabel("epoch");
        x.setAutoRanging(false);
        y.setAutoRanging(false);
        x.setMinorTickVisible(false);
        y.setMinorTickVisible(false);
        if (kind == Kind.ACCURACY) {
            y.setTickLabelFormatter(new StringConverter<>() {
                @Override public String toString(Number n) { return Math.round(n.doubleValue() * 100) + "%"; }
                @Override public Number fromString(String s) { return null; }
            });
        }
        for (String name : List.of("Training", "Validation", "Compared: training", "Compared: validation",
                "Best epoch")) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            series.add(s);
        }
        chart.getData().setAll(series);
        update(List.of(), List.of(), 0);
    }

    /** The x axis names the run's steps: epochs, or L-BFGS iterations for softmax regression. */
    void stepLabel(javafx.beans.value.ObservableStringValue step) {
        x.labelProperty().bind(step);
    }

    LineChart<Number, Number> node() {
        return chart;
    }

    /** Redraws from scratch: at most a few hundred points, four times a second while training. */
    void update(List<EpochMetrics> main, List<EpochMetrics> compare, int best) {
        int epochs = Math.max(10, Math.max(main.size(), compare.size()));
        double step = niceStep(epochs / 8.0);
        x.setLowerBound(0);
        x.setUpperBound(Math.ceil(epochs / step) * step);
        x.setTickUnit(step);
        double top = kind == Kind.ACCURACY ? 1.0 : niceCeil(1.1 * Math.max(Curves.maxLoss(main),
                compare.isEmpty() ? 0 : Curves.maxLoss(compare)));
        y.setLowerBound(0);
        y.setUpperBound(top);
        y.setTickUnit(kind == Kind.ACCURACY ? 0.2 : niceStep(top / 5));
        boolean loss = kind == Kind.LOSS;
        set(0, main, loss ? EpochMetrics::trainLoss : EpochMetrics::trainAccuracy);
        set(1, main, loss ? EpochMetrics::validationLoss : EpochMetrics::validationAccuracy);
        set(2, compare, loss ? EpochMetrics::trainLoss : EpochMetrics::trainAccuracy);
        set(3, compare, loss ? EpochMetrics::validationLoss : EpochMetrics::validationAccuracy);
        show(series.get(4), best <= 0 ? List.of()
                : List.of(new XYChart.Data<>(best, 0), new XYChart.Data<>(best, top)));
        chart.setCreateSymbols(main.size() <= SYMBOLS_UP_TO);
    }

    private void set(int index, List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> value) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        for (EpochMetrics m : epochs) {
            double v = value.applyAsDouble(m);
            if (Double.isFinite(v)) {
                points.add(new XYChart.Data<>(m.epoch(), v));
            }
        }
        show(series.get(index), points);
    }

    /**
     * Hides an emptied series: LineChart keeps drawing the old path of a series whose points were all removed (seen
     * when "Stop comparing" left the dashed curves on screen).
     */
    private static void show(XYChart.Series<Number, Number> s, List<XYChart.Data<Number, Number>> points) {
        s.getData().setAll(points);
        if (s.getNode() != null) {
            s.getNode().setVisible(!points.isEmpty());
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static double niceCeil(double v) {
        double step = niceStep(v / 5);
        return Math.ceil(v / step) * step;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
