package dev.loupe.engine.inference;

import dev.loupe.engine.image.ImageFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Expands what a user gave (image files and folders) into the image files to classify, folders in name order. */
public final class ImageInputs {

    private ImageInputs() {
    }

    /**
     * The image files to classify: files as given, and the image files inside folders ({@link ImageFiles}: links
     * inside them are not followed, pipes and devices not read, hidden files passed over).
     */
    public static List<Path> expand(List<Path> inputs) throws IOException {
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new NoSuchFileException(input.toString(), null, "no such file or folder");
            }
        }
        return ImageFiles.expand(inputs).files();
    }
}
