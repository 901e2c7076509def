package dev.loupe.engine.dataset;

import java.nio.file.Path;

/**
 * One image of a dataset.
 *
 * @param file         absolute path
 * @param relativePath path relative to the dataset root, with '/' separators (e.g. {@code daisy/1.jpg})
 * @param label        the class: the name of the folder the image sits in
 */
public record ImageEntry(Path file, String relativePath, String label) {
}
