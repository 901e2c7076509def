package dev.loupe.ui.classify;

import java.util.Arrays;

/**
 * A free-form lasso drawn on the map, kept in screen pixels: that is where the user drew it, and zoom and pan cannot
 * change while dragging, so the points inside are those whose drawn position is inside. Plain arithmetic, no JavaFX.
 */
final class Lasso {

    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int n;

    void add(double x, double y) {
        if (n == xs.length) {
            xs = Arrays.copyOf(xs, 2 * n);
            ys = Arrays.copyOf(ys, 2 * n);
        }
        xs[n] = x;
        ys[n] = y;
        n++;
    }

    int size() { return n; }
    double x(int i) { return xs[i]; }
    double y(int i) { return ys[i]; }

    /** Even-odd ray casting; the polygon is closed implicitly from the last vertex back to the first. */
    boolean contains(double x, double y) {
        if (n < 3) {
            return false;
        }
        boolean inside = false;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            if ((ys[i] > y) != (ys[j] > y)
                    && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** The indices of the points drawn inside the lasso, in index order. */
    int[] select(ScatterData d, ScatterTransform view) {
        if (d == null) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, d.size())
                .filter(i -> contains(view.screenX(d.layout().x()[i]), view.screenY(d.layout().y()[i])))
                .toArray();
    }
}
