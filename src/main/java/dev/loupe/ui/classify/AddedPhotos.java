package dev.loupe.ui.classify;

import java.nio.file.Files;
import java.nio.file.Path;

/** Why a photo should not be added to the dataset again, if it should not. Job thread (it looks at files). */
final class AddedPhotos {

    private AddedPhotos() {
    }

    /**
     * A sentence saying where the photo already is, or null when adding it is fine.
     *
     * @param addedAs where this pane added {@code source} before (relative to {@code root}), or null
     */
    static String alreadyIn(Path root, Path source, String addedAs) {
        if (source.startsWith(root)) {
            return "This photo is already in the dataset (" + root.relativize(source) + ")";
        }
        if (addedAs != null && Files.exists(root.resolve(addedAs))) {
            return "This photo was already added as " + addedAs + " (Undo takes it out)";
        }
        return null;
    }
}
