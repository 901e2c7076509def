package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.image.ImageFormats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Plans an import into a class folder: which files go where under which free name, and which are skipped why. */
final class Importer {

    /** The steps to run and what they add or skip. */
    record Plan(List<Step> steps, List<String> added, List<AddResult.Skipped> skipped) {
    }

    private final Path root;

    Importer(Path root) {
        this.root = root;
    }

    Plan plan(Path classDir, List<Path> sources, boolean move, Trash trash) throws IOException {
        List<Step> steps = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<AddResult.Skipped> skipped = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        Set<Path> seen = new HashSet<>();
        for (Path source : expand(sources, skipped)) {
            Path file = source.toAbsolutePath().normalize();
            String why = reasonToSkip(file, classDir);
            if (why == null && !seen.add(file)) {
                why = "listed twice";
            }
            if (why != null) {
                skipped.add(new AddResult.Skipped(file, why));
                continue;
            }
            String rel = root.relativize(classDir).toString().replace('\\', '/') + "/"
                    + Names.free(classDir, file.getFileName().toString(), taken);
            String from = file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
            steps.add(move ? Step.move(from, rel) : Step.copy(from, rel, trash.slotFor(rel)));
            added.add(rel);
        }
        return new Plan(steps, added, skipped);
    }

    /** Files as given, and the files inside folders (recursively; hidden ones are left out). */
    private static List<Path> expand(List<Path> sources, List<AddResult.Skipped> skipped) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            if (!Files.exists(source)) {
                skipped.add(new AddResult.Skipped(source, "does not exist"));
            } else if (Files.isDirectory(source)) {
                try (Stream<Path> walk = Files.walk(source)) {
                    walk.filter(Files::isRegularFile).filter(p -> !isHidden(source.relativize(p)))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(source);
            }
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private String reasonToSkip(Path file, Path classDir) throws IOException {
        if (!ImageFormats.isImageFile(file)) {
            return "not an image file";
        }
        if (file.getParent().equals(classDir)) {
            return "already in this class";
        }
        if (file.startsWith(root.resolve(".loupe"))) {
            return "inside Loupe's own folder";
        }
        if (Files.size(file) == 0) {
            return "empty file (0 bytes)";
        }
        return null;
    }
}
