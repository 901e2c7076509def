package dev.loupe.ui.common;

import java.nio.file.Path;
import java.util.List;

/** Receives image files the user chose with File › Import Images…; the Curate pane decides where they go. */
@FunctionalInterface
public interface ImageImporter {
    void importImages(List<Path> files);
}
