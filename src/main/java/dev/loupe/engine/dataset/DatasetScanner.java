package dev.loupe.engine.dataset;

import dev.loupe.engine.image.ImageFormats;
import dev.loupe.engine.files.ReadFailure;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a dataset folder: each visible sub-folder is a class, each image directly inside it is an example. Hidden
 * folders ({@code .loupe} with Loupe's catalogue and trash) are never part of the data. A class folder Loupe may not
 * list is reported in {@link DatasetSnapshot#unreadable()} and the scan carries on with the others.
 */
public final class DatasetScanner {

    private static final ParentPathLabelGenerator LABELS = new ParentPathLabelGenerator();

    public DatasetSnapshot scan(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (a dataset is a folder with one sub-folder per class)");
        }
        List<String> classes = new ArrayList<>();
        List<ImageEntry> images = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<DatasetSnapshot.Unreadable> unreadable = new ArrayList<>();
        try (DirectoryStream<Path> children = open(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(child)) {
                    try {
                        scanClass(child, images, ignored);
                        classes.add(name);
                    } catch (IOException e) {
                        // Not a class: training without it must be said, not silently done (see the reason).
                        images.removeIf(i -> i.label().equals(name));
                        unreadable.add(new DatasetSnapshot.Unreadable(name, ReadFailure.describe(e, true)
                                + "; its images are left out"));
                    }
                } else if (ImageFormats.isImageFile(child)) {
                    ignored.add(name + ": an image outside any class folder");
                }
            }
        }
        classes.sort(Comparator.naturalOrder());
        images.sort(Comparator.comparing(ImageEntry::relativePath));
        ignored.sort(Comparator.naturalOrder());
        unreadable.sort(Comparator.comparing(DatasetSnapshot.Unreadable::relativePath));
        return new DatasetSnapshot(dir, classes, images, ignored, unreadable);
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
    private static void scanClass(Path classDir, List<ImageEntry> images, List<String> ignored)
            throws IOException {
        String label = null;
        // Built from the names rather than by Path.relativize, which showed in profiles of a 10,000-image scan.
        String prefix = classDir.getFileName() + "/";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(classDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || Files.isDirectory(file)) {
                    continue;
                }
                String relative = prefix + name;
                if (ImageFormats.isImageFile(file)) {
                    // DataVec's class-folder convention: an image's label is the name of the folder it sits in.
                    label = label != null ? label : LABELS.getLabelForPath(file.toString()).toString();
                    images.add(new ImageEntry(file, relative, label));
                } else {
                    ignored.add(relative + ": not an image file");
                }
            }
        }
    }
}
