package dev.loupe.engine.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which files a dataset scan treats as images. By extension only, because scanning must be cheap on folders of tens
 * of thousands of files; {@link ImageDecoder} then trusts the content, not the name.
 */
public final class ImageFormats {

    private static final Set<String> EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp", "tif", "tiff");

    private ImageFormats() {
    }

    /** True if the file name ends in one of {@link #extensions()}, in any case. Hidden files (".x.jpg") count too. */
    public static boolean isImageFile(Path p) {
        if (p == null || p.getFileName() == null) {
            return false;
        }
        String ext = extensionOf(p.getFileName().toString());
        return ext != null && EXTENSIONS.contains(ext);
    }

    /** The recognised extensions: lower case, without the dot. Immutable. */
    public static Set<String> extensions() {
        return EXTENSIONS;
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return null;
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
