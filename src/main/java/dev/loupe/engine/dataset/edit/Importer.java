package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.image.ImageFiles;
import dev.loupe.engine.image.ImageFormats;
import dev.loupe.engine.image.ImageProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans an import into a class folder, or into the inbox (the dataset folder itself): which files go where under which free name, and which are skipped why. What
 * to read comes from {@link ImageFiles} (links inside folders, pipes and devices left out); each file is then judged
 * by its content, not its name: one whose header does not read as an image (a text file or a key named
 * {@code .jpg}) is skipped with the decoder's reason.
 */
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
        Path realRoot = root.toRealPath();
        Path realClass = classDir.toRealPath();
        ImageFiles.Found found = ImageFiles.expand(sources);
        found.skipped().forEach(s -> skipped.add(new AddResult.Skipped(s.file(), s.reason())));
        for (Path file : found.files()) {
            Path real = file.toRealPath();
            String why = reasonToSkip(file, real, realRoot, realClass, move);
            if (why == null && !seen.add(real)) {
                why = "listed twice";
            }
            if (why != null) {
                skipped.add(new AddResult.Skipped(file, why));
                continue;
            }
            // The dataset folder itself is the inbox: its photos have no class folder in their path.
            String folder = root.relativize(classDir).toString().replace('\\', '/');
            String rel = (folder.isEmpty() ? "" : folder + "/")
                    + Names.free(classDir, file.getFileName().toString(), taken);
            Step.Content content = StepFiles.contentOf(real);
            if (!move) {
                steps.add(Step.copy(real.toString(), rel, trash.slotFor(rel), content));
            } else if (real.startsWith(realRoot)) {
                steps.add(Step.move(realRoot.relativize(real).toString().replace('\\', '/'), rel, content));
            } else {
                steps.add(Step.moveIn(real.toString(), rel, trash.slotFor(rel), content));
            }
            added.add(rel);
        }
        return new Plan(steps, added, skipped);
    }

    private static String reasonToSkip(Path file, Path real, Path realRoot, Path realClass, boolean move)
            throws IOException {
        String unsupported = ImageFormats.unsupportedFormat(file);
        if (unsupported != null) {
            return unsupported + " photos are not supported yet: convert them to JPEG or PNG";
        }
        if (!ImageFormats.isImageFile(file)) {
            return "not an image file";
        }
        if (move && Files.isSymbolicLink(file)) {
            return "a link: Loupe copies the photo it points to, but does not move a link (add it without moving)";
        }
        if (realClass.equals(real.getParent())) {
            return realClass.equals(realRoot) ? "already in the inbox" : "already in this class";
        }
        if (real.startsWith(realRoot.resolve(".loupe"))) {
            return "inside Loupe's own folder";
        }
        if (Files.size(real) == 0) {
            return "empty file (0 bytes)";
        }
        try {
            // The header must read as an image: a name ending in .jpg proves nothing.
            ImageProbe.readSize(real);
        } catch (ImageDecodeException e) {
            return e.reason();
        }
        return Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) ? null : "not a regular file";
    }
}
