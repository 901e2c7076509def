package dev.loupe.engine.dataset.edit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/** Free file names and valid class names. */
final class Names {

    /** Most file systems (ext4, APFS, NTFS in UTF-16 units) allow 255 bytes per name; UTF-8 is the tightest. */
    static final int MAX_BYTES = 255;

    private Names() {
    }

    /**
     * {@code name} in {@code dir} if free, else {@code stem (2).ext}, {@code stem (3).ext}, ... as file managers do.
     * {@code taken} holds names already promised within the same edit but not yet on disk. A name made longer than
     * the file system allows has its stem shortened, so a photo with a 249-byte name can still be moved beside one of
     * the same name.
     */
    static String free(Path dir, String name, Set<String> taken) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 2; Files.exists(dir.resolve(candidate), LinkOption.NOFOLLOW_LINKS) || taken.contains(candidate);
             n++) {
            candidate = fit(stem, " (" + n + ")" + ext);
        }
        taken.add(candidate);
        return candidate;
    }

    /** {@code stem + suffix}, the stem cut (at a character boundary) so that the whole fits {@link #MAX_BYTES}. */
    static String fit(String stem, String suffix) {
        int room = MAX_BYTES - utf8(suffix);
        String s = stem;
        while (utf8(s) > room && !s.isEmpty()) {
            s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
        }
        return s + suffix;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Throws when {@code name} cannot be a class folder: empty, hidden, or a path rather than a name. */
    static String checkClassName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("A class needs a name");
        }
        if (n.startsWith(".")) {
            throw new IllegalArgumentException("A class name cannot start with '.' (such folders are hidden)");
        }
        if (n.codePoints().anyMatch(c -> Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069))) {
            // A line break or an escape sequence in a class name would reach every label printed from it.
            throw new IllegalArgumentException("A class name cannot hold control characters (a line break, a tab, "
                    + "an escape sequence or a text-direction override)");
        }
                if (n.contains("/") || n.contains("\\") || n.contains(":") || n.equals("..")) {
            throw new IllegalArgumentException("A class name cannot contain '/', '\\' or ':': " + n);
        }
        return n;
    }
}
