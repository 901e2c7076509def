package dev.loupe.ui.curate;

import javafx.scene.input.DataFormat;

import java.util.Arrays;
import java.util.List;

/** The drag format of thumbnails dragged inside Loupe: their relative paths, one per line. */
final class DragFormats {

    /** A DataFormat may exist once per JVM, hence one constant. */
    static final DataFormat IMAGES = new DataFormat("application/x-loupe-images");

    private DragFormats() {
    }

    static String encode(List<String> paths) {
        return String.join("\n", paths);
    }

    static List<String> decode(Object content) {
        return content instanceof String s && !s.isBlank() ? Arrays.asList(s.split("\n")) : List.of();
    }
}
