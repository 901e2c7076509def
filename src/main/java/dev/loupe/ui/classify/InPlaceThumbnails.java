package dev.loupe.ui.classify;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Once the user has zoomed in far enough that few points are on screen, each is drawn as its thumbnail in place of
 * its dot. Images decode in JavaFX's background loader at thumbnail size (never on the FX thread); one finishing
 * asks for a redraw, and a small LRU keeps panning from reloading what was just shown.
 */
final class InPlaceThumbnails {

    static final double MIN_ZOOM = 2;
    static final int MAX_VISIBLE = 120;
    static final double SIZE = 48;
    private static final int MEMORY = 400;

    private final Runnable redraw;
    private final Map<Path, Image> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Image> eldest) {
            return size() > MEMORY;
        }
    };

    InPlaceThumbnails(Runnable redraw) {
        this.redraw = redraw;
    }

    /** The points to draw as thumbnails: those on screen, if zoomed in and there are few enough; else none. */
    static int[] visible(ScatterData d, ScatterTransform view, double w, double h) {
        if (d == null || view.zoom() < MIN_ZOOM) {
            return new int[0];
        }
        double m = SIZE / 2;
        int[] on = IntStream.range(0, d.size()).filter(i -> {
            double x = view.screenX(d.layout().x()[i]);
            double y = view.screenY(d.layout().y()[i]);
            return x > -m && y > -m && x < w + m && y < h + m;
        }).limit(MAX_VISIBLE + 1).toArray();
        return on.length > MAX_VISIBLE ? new int[0] : on;
    }

    /** Draws the loaded thumbnails of {@code points}, framed in their class colour; starts loading the others. */
    void draw(GraphicsContext g, ScatterData d, ScatterTransform view, int[] points) {
        for (int i : points) {
            Image image = image(d.files().get(i));
            if (image.getProgress() < 1 || image.isError()) {
                continue;
            }
            double iw = image.getWidth();
            double ih = image.getHeight();
            double x = view.screenX(d.layout().x()[i]) - iw / 2;
            double y = view.screenY(d.layout().y()[i]) - ih / 2;
            g.setFill(ScatterView.colour(d.classOf()[i]));
            g.fillRect(x - 2, y - 2, iw + 4, ih + 4);
            g.drawImage(image, x, y);
        }
    }

    private Image image(Path file) {
        return cache.computeIfAbsent(file, f -> {
            Image image = new Image(f.toUri().toString(), SIZE, SIZE, true, true, true);
            image.progressProperty().addListener((o, was, now) -> {
                if (now.doubleValue() >= 1) {
                    redraw.run();
                }
            });
            return image;
        });
    }
}
