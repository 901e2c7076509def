package dev.loupe.engine.dataset;

import dev.loupe.engine.files.ReadFailure;
import dev.loupe.engine.files.RegularFiles;
import dev.loupe.engine.image.ImageFormats;
import org.datavec.api.io.labels.ParentPathLabelGenerator;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a dataset folder: each visible sub-folder is a class, each image directly inside it is an example. Hidden
 * folders ({@code .loupe} with Loupe's catalogue and trash) are never part of the data. Links are not followed (a
 * dataset can come from anyone, and a link can point anywhere: at a key, a pipe, or back at a class) and only regular
 * files are images. Everything else that looks like data is reported in {@link DatasetSnapshot#leftOut()} with its
 * reason: loose photos at the top, HEIC photos, nested folders, hidden or linked class folders, links, pipes and
 * devices. A class folder Loupe may not list is reported in {@link DatasetSnapshot#unreadable()} and the scan carries
 * on with the others.
 */
public final class DatasetScanner {

    private static final ParentPathLabelGenerator LABELS = new ParentPathLabelGenerator();
    private static final String LOUPE_DIR = ".loupe";

    /**
     * The dataset's folder, absolute; refused in one sentence when it is missing or a file (before a run is recorded
     * for it: a mistyped path must leave nothing behind).
     */
    public static Path requireFolder(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (a dataset is a folder with one sub-folder per class)");
        }
        return dir;
    }

    public DatasetSnapshot scan(Path root) throws IOException {
        Path dir = requireFolder(root);
        List<String> classes = new ArrayList<>();
        List<ImageEntry> images = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        List<DatasetSnapshot.Unreadable> unreadable = new ArrayList<>();
        try (DirectoryStream<Path> children = open(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                BasicFileAttributes attrs = attributes(child);
                if (attrs == null) {
                    continue;
                }
                if (name.startsWith(".")) {
                    if (attrs.isDirectory() && !name.equals(LOUPE_DIR) && holdsImages(child)) {
                        leftOut.add(new LeftOut(name, LeftOut.Why.HIDDEN_FOLDER, null));
                    }
                } else if (attrs.isDirectory()) {
                    try {
                        scanClass(child, images, leftOut);
                        classes.add(name);
                    } catch (IOException e) {
                        // Not a class: training without it must be said, not silently done (see the reason).
                        images.removeIf(i -> i.label().equals(name));
                        leftOut.removeIf(l -> l.relativePath().startsWith(name + "/"));
                        unreadable.add(new DatasetSnapshot.Unreadable(name, ReadFailure.describe(e, true)
                                + "; its images are left out"));
                    }
                } else if (attrs.isSymbolicLink() && Files.isDirectory(child)) {
                    leftOut.add(new LeftOut(name, LeftOut.Why.LINKED_FOLDER, null));
                } else if (ImageFormats.isImageFile(child) || ImageFormats.unsupportedFormat(child) != null) {
                    // A photo at the top is named; other files there (a README, a licence) are the user's own.
                    LeftOut why = judge(child, name, attrs);
                    leftOut.add(why != null ? why : new LeftOut(name, LeftOut.Why.LOOSE_IMAGE, null));
                }
            }
        }
        classes.sort(Comparator.naturalOrder());
        images.sort(Comparator.comparing(ImageEntry::relativePath));
        leftOut.sort(Comparator.comparing(LeftOut::relativePath));
        unreadable.sort(Comparator.comparing(DatasetSnapshot.Unreadable::relativePath));
        return new DatasetSnapshot(dir, classes, images, leftOut, unreadable);
    }

    /**
     * The images of the dataset's first class by name, listed as {@link #scan} lists them, without reading the other
     * class folders: what a grid shows first, long before a scan of 100,000 photos ends (docs/benchmarks.md, Curate
     * with 100,000 images). Empty when the folder has no class or cannot be listed; the full scan stays the one that
     * counts (a class folder left out there is still listed here).
     */
    public List<ImageEntry> firstClass(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        String first = null;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                BasicFileAttributes attrs = name.startsWith(".") ? null : attributes(child);
                if (attrs != null && attrs.isDirectory() && (first == null || name.compareTo(first) < 0)) {
                    first = name;
                }
            }
            if (first == null) {
                return List.of();
            }
            List<ImageEntry> images = new ArrayList<>();
            scanClass(dir.resolve(first), images, new ArrayList<>());
            images.sort(Comparator.comparing(ImageEntry::relativePath));
            return images;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The dataset folder itself unreadable ends the scan, with what to do. */
    private static DirectoryStream<Path> open(Path dir) throws IOException {
        try {
            return Files.newDirectoryStream(dir);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.nio.file.AccessDeniedException(dir.toString(), null,
                    "Loupe cannot read the dataset folder: check its permissions");
        }
    }

    /**
     * Lists one class folder (not recursively: nested folders are not classes). NIO rather than DataVec's FileSplit,
     * whose file URIs fail to parse back ("Bad escape") for names with accents or emoji.
     */
    private static void scanClass(Path classDir, List<ImageEntry> images, List<LeftOut> leftOut) throws IOException {
        String label = null;
        // Built from the names rather than by Path.relativize, which showed in profiles of a 10,000-image scan.
        String prefix = classDir.getFileName() + "/";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(classDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                BasicFileAttributes attrs = name.startsWith(".") ? null : attributes(file);
                if (attrs == null) {
                    continue;
                }
                String relative = prefix + name;
                if (attrs.isDirectory()) {
                    leftOut.add(new LeftOut(relative, LeftOut.Why.NESTED_FOLDER, null));
                    continue;
                }
                LeftOut why = judge(file, relative, attrs);
                if (why == null) {
                    // DataVec's class-folder convention: an image's label is the name of the folder it sits in.
                    label = label != null ? label : LABELS.getLabelForPath(file.toString()).toString();
                    images.add(new ImageEntry(file, relative, label));
                } else {
                    leftOut.add(why);
                }
            }
        }
    }

    /** Why a file (not a folder) is not an image of the dataset; null if it is one. */
    private static LeftOut judge(Path file, String relative, BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return new LeftOut(relative, LeftOut.Why.LINK, null);
        }
        if (!attrs.isRegularFile()) {
            return new LeftOut(relative, LeftOut.Why.SPECIAL_FILE, RegularFiles.kind(file));
        }
        String unsupported = ImageFormats.unsupportedFormat(file);
        if (unsupported != null) {
            return new LeftOut(relative, LeftOut.Why.UNSUPPORTED_FORMAT, unsupported);
        }
        return ImageFormats.isImageFile(file) ? null : new LeftOut(relative, LeftOut.Why.NOT_AN_IMAGE, null);
    }

    /** The entry's own attributes (a link is a link); null when it vanished since it was listed. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a hidden folder holds images directly: then it looks like a class the user meant. */
    private static boolean holdsImages(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ImageFormats::isImageFile)) {
            return s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
