package dev.loupe.ui.common;

import javafx.scene.paint.Color;

import java.util.List;

/**
 * The colour of a class's palette index (kept per dataset by {@code engine/dataset/ClassColours}). The first 20 are
 * Kenneth Kelly's colours of maximum contrast (1965; his white and black left out, as they vanish on one theme or the
 * other), the best-known qualitative set of that size: no two closer than 15 in CIE L*a*b*. Past 20, a deterministic
 * extension steps the hue by the golden angle and alternates saturation and brightness, so every index has one colour
 * whatever the number of classes.
 */
public final class ClassPalette {

    static final List<Color> KELLY = List.of("#F3C300", "#875692", "#F38400", "#A1CAF1", "#BE0032", "#C2B280",
            "#848482", "#008856", "#E68FAC", "#0067A5", "#F99379", "#604E97", "#F6A600", "#B3446C", "#DCD300",
            "#882D17", "#8DB600", "#654522", "#E25822", "#2B3D26").stream().map(Color::web).toList();

    private ClassPalette() {
    }

    /** The colour of palette index {@code index} (0 or more). */
    public static Color colour(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("palette index " + index);
        }
        if (index < KELLY.size()) {
            return KELLY.get(index);
        }
        int k = index - KELLY.size();
        double hue = (k * 137.508) % 360;
        double saturation = k % 2 == 0 ? 0.75 : 0.45;
        double brightness = (k / 2) % 2 == 0 ? 0.85 : 0.6;
        return Color.hsb(hue, saturation, brightness);
    }

    /** The colour as CSS, e.g. {@code rgb(243,195,0)}, for a style. */
    public static String css(int index) {
        Color c = colour(index);
        return String.format(java.util.Locale.ROOT, "rgb(%d,%d,%d)", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
