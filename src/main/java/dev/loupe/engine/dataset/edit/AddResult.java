package dev.loupe.engine.dataset.edit;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DatasetEditor#add} did.
 *
 * @param edit    the recorded edit, or null when nothing was added
 * @param added   the new images, relative to the dataset root
 * @param skipped files that were not added, with the reason
 */
public record AddResult(Edit edit, List<String> added, List<Skipped> skipped) {

    /** A file left out of an import. */
    public record Skipped(Path file, String reason) {
    }

    public AddResult {
        added = List.copyOf(added);
        skipped = List.copyOf(skipped);
    }
}
