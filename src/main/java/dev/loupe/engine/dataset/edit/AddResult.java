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

    /** What the import did in one line: what it added, else "No images added: " and why; then what it skipped. */
    public String summary() {
        if (skipped.isEmpty()) {
            return edit == null ? "No images added: nothing chosen was an image" : edit.description();
        }
        StringBuilder sb = new StringBuilder(edit == null ? "No images added: skipped "
                : edit.description() + "; skipped ").append(skipped.size()).append(": ");
        skipped.stream().limit(5).forEach(s -> sb.append(s.file().getFileName()).append(" (").append(s.reason())
                .append("), "));
        sb.setLength(sb.length() - 2);
        return skipped.size() > 5 ? sb.append(", …").toString() : sb.toString();
    }
}
