package dev.loupe.engine.dataset.edit;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

/**
 * Where removed images go: {@code .loupe/trash/} keeps each file's path inside the dataset and adds a time stamp, so
 * {@code roses/a.jpg} removed twice becomes {@code trash/roses/a 2024-05-01 10.15.02.jpg} and
 * {@code ... (2).jpg}; a user can find and restore it by hand even without Loupe.
 */
final class Trash {

    static final String DIR = ".loupe/trash";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss");

    private final Path root;
    private final Set<String> taken = new HashSet<>();

    Trash(Path root) {
        this.root = root;
    }

    /** A free trash path, relative to the dataset root, for the file or folder at {@code relative}. */
    String slotFor(String relative) {
        int slash = relative.lastIndexOf('/');
        String parent = slash < 0 ? "" : relative.substring(0, slash + 1);
        String name = relative.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stamp = " " + STAMP.format(LocalDateTime.now());
        // The stamp must not make the name longer than the file system allows (a 249-byte name is legal).
        String stamped = dot > 0 ? Names.fit(name.substring(0, dot), stamp + name.substring(dot))
                : Names.fit(name, stamp);
        String dir = DIR + "/" + parent;
        return dir + Names.free(root.resolve(dir), stamped, taken);
    }
}
