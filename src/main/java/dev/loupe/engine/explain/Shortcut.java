package dev.loupe.engine.explain;

import java.util.List;

/**
 * A class whose heat maps peak in the same place in most of its photos, and far less often there in the other
 * classes' ({@link ShortcutCheck}).
 *
 * @param region      where, in words ("the top-left corner", "the bottom edge", "the centre")
 * @param hits        photos of the class whose hottest cell is there, out of {@code photos} explained
 * @param otherHits   the same for the other classes' photos, out of {@code otherPhotos}
 * @param examples    the class's clearest examples, relative to the dataset
 * @param meanMap     the class's maps averaged ({@code height} rows of {@code width}, each map's hottest cell 1)
 */
public record Shortcut(String label, String region, int hits, int photos, int otherHits, int otherPhotos,
                       List<String> examples, int width, int height, float[] meanMap) {

    public Shortcut {
        examples = List.copyOf(examples);
    }

    /** The block centred on (row, col) in words. */
    public static String region(int row, int col, int height, int width) {
        String v = third((row + 0.5) / height, "top", "", "bottom");
        String h = third((col + 0.5) / width, "left", "", "right");
        if (v.isEmpty() && h.isEmpty()) {
            return "the centre";
        }
        if (v.isEmpty() || h.isEmpty()) {
            return "the " + v + h + " edge";
        }
        return "the " + v + "-" + h + " corner";
    }

    private static String third(double at, String low, String middle, String high) {
        return at < 1 / 3.0 ? low : at > 2 / 3.0 ? high : middle;
    }
}
