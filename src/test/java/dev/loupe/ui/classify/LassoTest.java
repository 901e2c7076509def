package dev.loupe.ui.classify;

import dev.loupe.engine.embedding.TsneLayout;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LassoTest {

    @Test
    void aConcaveLassoHoldsOnlyWhatIsInside() {
        // A "C" opening to the right: the notch (15, 15) is outside, the arms are inside.
        Lasso c = lasso(0, 0, 30, 0, 30, 10, 10, 10, 10, 20, 30, 20, 30, 30, 0, 30);
        assertThat(c.contains(5, 15)).isTrue();
        assertThat(c.contains(20, 5)).isTrue();
        assertThat(c.contains(20, 25)).isTrue();
        assertThat(c.contains(20, 15)).isFalse();
        assertThat(c.contains(-1, 15)).isFalse();
        assertThat(c.contains(31, 5)).isFalse();
    }

    @Test
    void fewerThanThreeVerticesHoldNothing() {
        assertThat(new Lasso().contains(0, 0)).isFalse();
        assertThat(lasso(0, 0, 10, 10).contains(5, 5)).isFalse();
    }

    @Test
    void selectsThePointsDrawnInside() {
        TsneLayout layout = new TsneLayout(1, 1, new float[] {0, 1, 2, 3}, new float[] {0, 1, 2, 3});
        ScatterData d = new ScatterData(List.of("a"), new int[4], List.of(Path.of("0"), Path.of("1"), Path.of("2"),
                Path.of("3")), layout);
        ScatterTransform view = new ScatterTransform();
        view.fit(layout, 348, 348); // 24 px margins: point i is drawn at (24 + 100 i, 24 + 100 i)
        assertThat(view.screenX(1)).isEqualTo(124);
        Lasso box = lasso(100, 100, 240, 100, 240, 240, 100, 240);
        assertThat(box.select(d, view)).containsExactly(1, 2);
        box.add(100, 100); // many more vertices than the array holds at first
        for (int i = 0; i < 200; i++) {
            box.add(100, 100 - i * 0.001);
        }
        assertThat(box.select(d, view)).containsExactly(1, 2);
    }

    private static Lasso lasso(double... xy) {
        Lasso l = new Lasso();
        for (int i = 0; i < xy.length; i += 2) {
            l.add(xy[i], xy[i + 1]);
        }
        return l;
    }
}
