package dev.loupe.engine.image;

import dev.loupe.engine.files.ReadFailure;
import dev.loupe.engine.files.RegularFiles;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands what a user handed Loupe (files and folders, from the command line, drag and drop or Import) into the files
 * to read, saying why each other one is left out. A path the user gave is followed if it is a link: they chose it.
 * Inside a folder, links are not followed (a received folder could point anywhere, e.g. at {@code ~/.ssh}), and
 * neither named pipes nor devices are read (opening one blocks); each is named with its reason. Hidden files and
 * folders inside ({@code .DS_Store}, {@code .git}) are passed over without a word. Inside folders only files with an
 * image extension count; a file given by name is kept whatever its name, for the caller to judge.
 */
public final class ImageFiles {

    /** A file left out, and why, in words. */
    public record Skipped(Path file, String reason) {
    }

    /** The files to read, in the order given (each folder's files sorted), and those left out. */
    public record Found(List<Path> files, List<Skipped> skipped) {
    }

    private ImageFiles() {
    }

    public static Found expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                skipped.add(new Skipped(input, Files.isSymbolicLink(input) ? "a link to something that does not exist"
                        : "does not exist"));
            } else if (Files.isDirectory(input)) {
                walk(input, files, skipped);
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                skipped.add(new Skipped(input, RegularFiles.kind(input.toRealPath()) + ", not a regular file"));
            }
        }
        return new Found(files, skipped);
    }

    /** Why a file inside a folder is not read, or null if it is an image file to read. */
    public static String reasonToLeaveOut(Path file, BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "a link: Loupe does not follow links found inside a folder (give it the file itself)";
        }
        if (!attrs.isRegularFile()) {
            return RegularFiles.kind(file) + ", not a regular file";
        }
        String unsupported = ImageFormats.unsupportedFormat(file);
        if (unsupported != null) {
            return unsupported + " photos are not supported yet: convert them to JPEG or PNG";
        }
        return ImageFormats.isImageFile(file) ? null : "not an image file";
    }

    /** The files in {@code given} (followed if it is a link), named under {@code given} as the user wrote it. */
    private static void walk(Path given, List<Path> files, List<Skipped> skipped) throws IOException {
        Path folder = given.toRealPath();
        List<Path> found = new ArrayList<>();
        List<Skipped> left = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(folder) || !hidden(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!hidden(file)) {
                    String why = reasonToLeaveOut(file, attrs);
                    Path named = given.resolve(folder.relativize(file));
                    if (why == null) {
                        found.add(named);
                    } else {
                        left.add(new Skipped(named, why));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                left.add(new Skipped(given.resolve(folder.relativize(file)),
                        ReadFailure.describe(e, Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))));
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        files.addAll(found);
        left.sort(java.util.Comparator.comparing(Skipped::file));
        skipped.addAll(left);
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }
}
