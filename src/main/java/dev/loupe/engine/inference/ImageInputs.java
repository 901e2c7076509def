package dev.loupe.engine.inference;

import dev.loupe.engine.image.ImageFormats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands what a user gave (image files and folders) into the image files to classify, folders in name order. */
public final class ImageInputs {

    private ImageInputs() {
    }

    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !isHidden(input, p))
                            .filter(ImageFormats::isImageFile)
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.exists(input)) {
                files.add(input);
            } else {
                throw new NoSuchFileException(input.toString(), null, "no such file or folder");
            }
        }
        return files;
    }

    private static boolean isHidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
