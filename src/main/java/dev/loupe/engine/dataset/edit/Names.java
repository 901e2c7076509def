package dev.loupe.engine.dataset.edit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Free file names and valid class names. */
final class Names {

    private Names() {
    }

    /**
     * {@code name} in {@code dir} if free, else {@code stem (2).ext}, {@code stem (3).ext}, ... as file managers do.
     * {@code taken} holds names already promised within the same edit but not yet on disk.
     */
    static String free(Path dir, String name, Set<String> taken) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 2; Files.exists(dir.resolve(candidate)) || taken.contains(candidate); n++) {
            candidate = stem + " (" + n + ")" + ext;
        }
        taken.add(candidate);
        return candidate;
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
        if (n.contains("/") || n.contains("\\") || n.contains(":") || n.equals("..")) {
            throw new IllegalArgumentException("A class name cannot contain '/', '\\' or ':': " + n);
        }
        return n;
    }
}
