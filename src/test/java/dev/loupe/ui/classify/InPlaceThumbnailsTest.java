package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.TsneLayout;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which points become thumbnails: only when zoomed in, only those on screen, and only if few enough. */
class InPlaceThumbnailsTest {

    @Test
    void onlyWhenZoomedInAndOnlyThePointsOnScreen() {
        ScatterData d = line(4); // drawn at 24 + 100 i on a 348 px canvas
        ScatterTransform view = new ScatterTransform();
        view.fit(d.layout(), 348, 348);
        assertThat(InPlaceThumbnails.visible(d, view, 348, 348)).isEmpty();
        view.zoom(4, 24, 24); // point 0 stays put, point 1 goes to 424, the rest further off screen
        assertThat(InPlaceThumbnails.visible(d, view, 348, 348)).containsExactly(0);
    }

    @Test
    void notWhenTooManyAreOnScreen() {
        ScatterData d = line(300); // a diagonal 9.4 px apart at zoom 8
        ScatterTransform view = new ScatterTransform();
        view.fit(d.layout(), 400, 400);
        view.zoom(2, 200, 200);
        assertThat(InPlaceThumbnails.visible(d, view, 400, 400)).isEmpty();
        view.zoom(4, 200, 200);
        // 400 px plus half a thumbnail each side
        assertThat(InPlaceThumbnails.visible(d, view, 400, 400).length).isBetween(35, 55);
    }

    private static ScatterData line(int n) {
        float[] xy = new float[n];
        for (int i = 0; i < n; i++) {
            xy[i] = i;
        }
        return new ScatterData(java.util.List.of("a"), new int[n],
                IntStream.range(0, n).mapToObj(i -> Path.of(i + ".png")).toList(),
                new TsneLayout(1, 1, xy, xy.clone()));
    }
}
