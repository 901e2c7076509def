package dev.loupe.engine.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which files a dataset scan treats as images. By extension only, because scanning must be cheap on folders of tens
 * of thousands of files; {@link ImageDecoder} then trusts the content, not the name. Photo formats Loupe cannot decode
 * yet (HEIC, AVIF, camera raw) are recognised too, so that they are named as such instead of silently ignored.
 */
public final class ImageFormats {

    private static final Set<String> EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp", "tif", "tiff");

    /** Extension to the format's name, for photo formats that ImageIO and TwelveMonkeys cannot read. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("heic", "HEIC"), Map.entry("heif", "HEIF"), Map.entry("avif", "AVIF"),
            Map.entry("jxl", "JPEG XL"), Map.entry("jp2", "JPEG 2000"), Map.entry("dng", "DNG (raw)"),
            Map.entry("cr2", "CR2 (raw)"), Map.entry("cr3", "CR3 (raw)"), Map.entry("nef", "NEF (raw)"),
            Map.entry("arw", "ARW (raw)"), Map.entry("orf", "ORF (raw)"), Map.entry("rw2", "RW2 (raw)"),
            Map.entry("raf", "RAF (raw)"));

    private ImageFormats() {
    }

    /** True if the file name ends in one of {@link #extensions()}, in any case. Hidden files (".x.jpg") count too. */
    public static boolean isImageFile(Path p) {
        String ext = extensionOf(p);
        return ext != null && EXTENSIONS.contains(ext);
    }

    /** The recognised extensions: lower case, without the dot. Immutable. */
    public static Set<String> extensions() {
        return EXTENSIONS;
    }

    /** "HEIC" for a photo in a format Loupe does not read yet, judged by its extension; null for any other file. */
    public static String unsupportedFormat(Path p) {
        String ext = extensionOf(p);
        return ext == null ? null : UNSUPPORTED.get(ext);
    }

    private static String extensionOf(Path p) {
        if (p == null || p.getFileName() == null) {
            return null;
        }
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return null;
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
