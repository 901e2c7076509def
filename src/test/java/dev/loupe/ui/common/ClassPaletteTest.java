package dev.loupe.ui.common;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClassPaletteTest {

    @Test
    void twentyClassesGetColoursNoTwoCloserThanFifteenInLab() {
        double closest = Double.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            for (int j = i + 1; j < 20; j++) {
                closest = Math.min(closest, deltaE(ClassPalette.colour(i), ClassPalette.colour(j)));
            }
        }
        assertThat(closest).isGreaterThanOrEqualTo(15);
    }

    @Test
    void pastTwentyEveryIndexStillHasItsOwnColour() {
        Set<String> seen = new HashSet<>();
        IntStream.range(0, 200).forEach(i -> assertThat(seen.add(ClassPalette.css(i))).as("index %d", i).isTrue());
        assertThat(ClassPalette.colour(57)).isEqualTo(ClassPalette.colour(57));
    }

    /** CIE76 distance between two sRGB colours. */
    private static double deltaE(Color a, Color b) {
        double[] x = lab(a);
        double[] y = lab(b);
        return Math.sqrt(Math.pow(x[0] - y[0], 2) + Math.pow(x[1] - y[1], 2) + Math.pow(x[2] - y[2], 2));
    }

    private static double[] lab(Color c) {
        double r = linear(c.getRed());
        double g = linear(c.getGreen());
        double b = linear(c.getBlue());
        double x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
        double y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
        double z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
        return new double[] {116 * y - 16, 500 * (x - y), 200 * (y - z)};
    }

    private static double linear(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double f(double v) {
        return v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16.0 / 116;
    }
}
