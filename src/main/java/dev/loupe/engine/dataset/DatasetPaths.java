package dev.loupe.engine.dataset;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The one gate for paths read from inside a dataset (its journal, run records, anything in {@code .loupe/}) or given
 * relative to it: a dataset folder is untrusted input, like a model file. A path passes only if it stays inside the
 * dataset: relative, not climbing out with {@code ..}, and with no link anywhere on the way, the file itself
 * included. Links inside a dataset are never followed (the scanner lists none), so a received dataset cannot make
 * Loupe read, move or write a file elsewhere through one.
 */
public final class DatasetPaths {

    private DatasetPaths() {
    }

    /** {@code root/relative} ('/'-separated) if it stays inside the dataset at {@code root}; see the class comment. */
    public static Path resolve(Path root, String relative) throws OutsideDatasetException {
        Path file = lexical(root, relative);
        Path base = root.toAbsolutePath().normalize();
        Path at = base;
        for (Path part : base.relativize(file)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new OutsideDatasetException(relative, "passes through the link "
                        + base.relativize(at).toString().replace('\\', '/'));
            }
        }
        return file;
    }

    /** {@link #resolve}, or empty when the path would lead outside: for paths shown from a record (a run's images). */
    public static java.util.Optional<Path> inside(Path root, String relative) {
        try {
            return java.util.Optional.of(resolve(root, relative));
        } catch (OutsideDatasetException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The same checks without looking at the disk: for validating a whole journal when it is read, where a link made
     * since must not count against it (it is refused when the path is used).
     */
    public static Path lexical(Path root, String relative) throws OutsideDatasetException {
        if (relative == null || relative.isBlank()) {
            throw new OutsideDatasetException(String.valueOf(relative), "is empty");
        }
        Path base = root.toAbsolutePath().normalize();
        Path p;
        try {
            p = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new OutsideDatasetException(relative, "is not a valid path here");
        }
        if (p.isAbsolute() || p.getRoot() != null) {
            throw new OutsideDatasetException(relative, "is an absolute path");
        }
        Path file = base.resolve(p).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new OutsideDatasetException(relative, "climbs out of the dataset with '..'");
        }
        return file;
    }
}
