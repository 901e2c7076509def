package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.dataset.DatasetPaths;
import dev.loupe.engine.util.Hashes;
import dev.loupe.engine.files.RegularFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What sits at one end of a step, judged by the content the step recorded. Undo, redo and settling an interrupted
 * edit move, remove or trash only a file that is exactly what Loupe put there: same size and SHA-256 (or, for a
 * folder, a real folder). Anything else at that path is the user's and is left alone.
 */
final class StepFiles {

    /** The verdict on one end of a step. */
    enum Found { LOUPES, OTHER, NOTHING }

    /** A verdict, and for {@link Found#OTHER} what was found instead, in words. */
    record At(Found found, String what) {
        static final At LOUPES = new At(Found.LOUPES, null);
        static final At NOTHING = new At(Found.NOTHING, null);
    }

    private final Path root;

    StepFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The end's path, refused unless it stays inside the dataset with no link on the way. */
    Path resolve(String end) throws IOException {
        return DatasetPaths.resolve(root, end);
    }

    /** What is at {@code end} of {@code s}: the file (or folder) the step moves, something else, or nothing. */
    At at(Step s, String end) throws IOException {
        Path p = resolve(end);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return At.NOTHING;
        }
        Step.Content c = s.content();
        boolean folderStep = s.kind() == Step.Kind.MKDIR || c != null && c.folder();
        if (attrs.isDirectory()) {
            return folderStep || c == null ? At.LOUPES : new At(Found.OTHER, "a folder");
        }
        if (!attrs.isRegularFile()) {
            return new At(Found.OTHER, RegularFiles.kind(p));
        }
        if (folderStep) {
            return new At(Found.OTHER, "a file");
        }
        if (c == null) {
            return At.LOUPES; // a journal older than format 3 recorded no content: a regular file is all we know
        }
        return attrs.size() == c.size() && Hashes.sha256(p).equals(c.sha256()) ? At.LOUPES
                : new At(Found.OTHER, "a different file");
    }

    /** Whether nothing at all (not even a broken link) is at {@code end}. */
    boolean free(String end) throws IOException {
        return !Files.exists(resolve(end), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether two files hold the same bytes: a copy, for a step whose journal recorded no content. */
    static boolean sameBytes(Path a, Path b) throws IOException {
        return Files.size(a) == Files.size(b) && Hashes.sha256(a).equals(Hashes.sha256(b));
    }

    /** Whether a folder holds nothing at all. */
    static boolean isEmptyFolder(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** The content of the file (or folder) at {@code file} now, to record in a step being planned. */
    static Step.Content contentOf(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
            return Step.Content.FOLDER;
        }
        return Step.Content.file(attrs.size(), Hashes.sha256(file));
    }
}
