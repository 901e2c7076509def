package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.TsneLayout;

/**
 * Map coordinates to screen pixels: the layout's bounding box is fitted into the canvas (re-fitted as t-SNE expands
 * it), then the user's zoom and pan apply on top. Plain arithmetic, no JavaFX, so it is easy to reason about.
 */
final class ScatterTransform {

    private static final double MARGIN = 24;

    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private double zoom = 1;
    private double panX;
    private double panY;
    private double width;
    private double height;

    void reset() {
        zoom = 1;
        panX = 0;
        panY = 0;
    }

    void fit(TsneLayout layout, double w, double h) {
        width = w;
        height = h;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < layout.size(); i++) {
            minX = Math.min(minX, layout.x()[i]);
            maxX = Math.max(maxX, layout.x()[i]);
            minY = Math.min(minY, layout.y()[i]);
            maxY = Math.max(maxY, layout.y()[i]);
        }
        double spanX = Math.max(maxX - minX, 1e-9);
        double spanY = Math.max(maxY - minY, 1e-9);
        scale = Math.min((w - 2 * MARGIN) / spanX, (h - 2 * MARGIN) / spanY);
        offsetX = w / 2 - (minX + maxX) / 2 * scale;
        offsetY = h / 2 - (minY + maxY) / 2 * scale;
    }

    double screenX(double x) {
        return (x * scale + offsetX - width / 2) * zoom + width / 2 + panX;
    }

    double screenY(double y) {
        return (y * scale + offsetY - height / 2) * zoom + height / 2 + panY;
    }

    /** Zooms by {@code factor} keeping the point under (sx, sy) where it is. */
    void zoom(double factor, double sx, double sy) {
        double next = Math.max(0.2, Math.min(60, zoom * factor));
        double f = next / zoom;
        panX = sx - width / 2 - (sx - width / 2 - panX) * f;
        panY = sy - height / 2 - (sy - height / 2 - panY) * f;
        zoom = next;
    }

    /** The user's zoom on top of the fit: 1 shows the whole map. */
    double zoom() {
        return zoom;
    }

    void pan(double dx, double dy) {
        panX += dx;
        panY += dy;
    }

    /** The point drawn nearest (sx, sy) within {@code radius} pixels, or -1. */
    int nearest(ScatterData d, double sx, double sy, double radius) {
        if (d == null) {
            return -1;
        }
        int best = -1;
        double bestD = radius * radius;
        for (int i = 0; i < d.size(); i++) {
            double dx = screenX(d.layout().x()[i]) - sx;
            double dy = screenY(d.layout().y()[i]) - sy;
            double dd = dx * dx + dy * dy;
            if (dd <= bestD) {
                bestD = dd;
                best = i;
            }
        }
        return best;
    }
}
