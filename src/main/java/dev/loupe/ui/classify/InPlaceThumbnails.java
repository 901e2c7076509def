package dev.loupe.ui.classify;

import dev.loupe.ui.common.ThumbnailService;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Once the user has zoomed in far enough that few points are on screen, each is drawn as its thumbnail in place of
 * its dot. Thumbnails come from the studio's thumbnail service (never decoded on the FX thread); one arriving asks for
 * a redraw, and points panned out of view drop their interest in those still loading.
 */
final class InPlaceThumbnails {

    static final double MIN_ZOOM = 2;
    static final int MAX_VISIBLE = 120;
    static final double SIZE = 48;

    private final ThumbnailService thumbnails;
    private final Runnable redraw;
    private final Map<Path, Runnable> loading = new HashMap<>();
    /** The images on screen now, held while they are (the service's cache may let one go at any time). */
    private final Map<Path, Image> onScreen = new HashMap<>();
    /** Files that could not be shown: drawn as dots, not asked for again at every redraw. */
    private final Set<Path> failed = new HashSet<>();

    InPlaceThumbnails(ThumbnailService thumbnails, Runnable redraw) {
        this.thumbnails = thumbnails;
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
    void draw(GraphicsContext g, ScatterData d, Color[] colours, ScatterTransform view, int[] points) {
        Set<Path> wanted = new HashSet<>();
        for (int i : points) {
            Path file = d.files().get(i);
            wanted.add(file);
            Image image = onScreen.computeIfAbsent(file, thumbnails::cached);
            if (image == null) {
                if (!failed.contains(file)) {
                    loading.computeIfAbsent(file, f -> thumbnails.load(f, loaded -> {
                        loading.remove(f);
                        if (loaded == null) {
                            failed.add(f);
                        } else {
                            onScreen.put(f, loaded);
                        }
                        redraw.run();
                    }));
                }
                continue;
            }
            double scale = SIZE / Math.max(image.getWidth(), image.getHeight());
            double iw = image.getWidth() * scale;
            double ih = image.getHeight() * scale;
            double x = view.screenX(d.layout().x()[i]) - iw / 2;
            double y = view.screenY(d.layout().y()[i]) - ih / 2;
            g.setFill(colours[d.classOf()[i]]);
            g.fillRect(x - 2, y - 2, iw + 4, ih + 4);
            g.drawImage(image, x, y, iw, ih);
        }
        onScreen.keySet().retainAll(wanted);
        loading.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            e.getValue().run();
            return true;
        });
    }
}
