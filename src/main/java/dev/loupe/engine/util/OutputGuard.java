package dev.loupe.engine.util;

import dev.loupe.engine.image.ImageFormats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The one place that decides whether a file the user named as an output (a model, an export, a CSV) may be written.
 * Every command's output option and every studio action that saves a file asks here first, then writes through
 * {@link AtomicFiles}. Refused, with a message naming the file:
 * <ul>
 *   <li>one of the action's own inputs (links and hard links followed), or an existing file inside a folder it reads;
 *   <li>anything inside a dataset's class folders or its {@code .loupe} folder: the dataset the action works on, and
 *       any folder that holds Loupe's data ({@code .loupe/catalogue.db}, {@code journal.json} or {@code lock});
 *   <li>an existing image (Loupe writes no images, so it cannot be an earlier output) and an existing folder.
 * </ul>
 * Anything else, such as an earlier export, is replaced whole, atomically.
 */
public final class OutputGuard {

    private static final String LOUPE_DIR = ".loupe";
    private static final List<String> LOUPE_DATA = List.of("catalogue.db", "journal.json", "lock");

    private OutputGuard() {
    }

    /** Refuses {@code target} if it would replace one of {@code inputs} (files, or folders read whole). */
    public static void check(Path target, Collection<Path> inputs) throws OutputRefusedException {
        check(target, inputs, null);
    }

    /** As {@link #check(Path, Collection)}, also refusing anything among the class folders of {@code dataset}. */
    public static void check(Path target, Collection<Path> inputs, Path dataset) throws OutputRefusedException {
        Path real = resolved(target);
        if (Files.isDirectory(real)) {
            throw refused(target, "it is a folder; give the name of a file to write");
        }
        for (Path input : inputs) {
            if (same(real, input)) {
                throw refused(target, "it is one of the files this action reads");
            }
            if (Files.isDirectory(input) && Files.exists(real) && real.startsWith(resolved(input))) {
                throw refused(target, "it is inside " + input + ", a folder this action reads");
            }
        }
        Path datasetRoot = dataset == null ? null : resolved(dataset);
        for (Path folder = real.getParent(); folder != null && folder.getParent() != null;
                folder = folder.getParent()) {
            Path root = folder.getParent();
            if (root.equals(datasetRoot) || holdsLoupeData(root)) {
                String name = folder.getFileName().toString();
                if (name.equals(LOUPE_DIR)) {
                    throw refused(target, "it is inside " + folder + ", Loupe's own data for the dataset " + root);
                }
                if (!name.startsWith(".")) {
                    throw refused(target, "it is inside the class folder '" + name + "' of the dataset " + root
                            + ", where only your images belong");
                }
            }
        }
        if (Files.isRegularFile(real) && ImageFormats.isImageFile(real)) {
            throw refused(target, "it is an image, and Loupe writes no images");
        }
    }

    /**
     * For an output that is a folder of files (an export such as a web page): the folder may exist (its earlier
     * export is then replaced), but it may not be a file, nor be or hold one of {@code inputs}, and what it will hold
     * obeys the rules above (not in a dataset's class folders, nor its {@code .loupe}, nor a class folder itself).
     */
    public static void checkFolder(Path folder, Collection<Path> inputs) throws OutputRefusedException {
        Path real = resolved(folder);
        if (Files.exists(real) && !Files.isDirectory(real)) {
            throw refused(folder, "it is a file, and this output is a folder; give a folder name");
        }
        for (Path input : inputs) {
            if (resolved(input).startsWith(real)) {
                throw refused(folder, "it holds " + input + ", which this action reads");
            }
        }
        check(real.resolve("export"), inputs);
    }

    private static OutputRefusedException refused(Path target, String why) {
        return new OutputRefusedException("Loupe will not write " + target + ": " + why
                + ". Choose another file for the output.");
    }

    private static boolean same(Path real, Path input) {
        try {
            return Files.exists(real) && Files.exists(input) ? Files.isSameFile(real, input)
                    : real.equals(resolved(input));
        } catch (IOException e) {
            return real.equals(resolved(input));
        }
    }

    private static boolean holdsLoupeData(Path folder) {
        Path loupe = folder.resolve(LOUPE_DIR);
        return Files.isDirectory(loupe) && LOUPE_DATA.stream().anyMatch(f -> Files.exists(loupe.resolve(f)));
    }

    /** The path with every link in its existing part resolved, so that a link cannot hide where it leads. */
    static Path resolved(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
