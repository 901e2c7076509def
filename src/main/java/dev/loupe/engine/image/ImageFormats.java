package dev.loupe.engine.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Temporary minimal version; replaced by the image package's own. */
public final class ImageFormats {
    private static final Set<String> EXT = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp", "tif", "tiff");

    private ImageFormats() { }

    public static Set<String> extensions() { return EXT; }

    public static boolean isImageFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXT.contains(n.substring(dot + 1));
    }
}
