package dev.loupe.engine.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param path  the file or folder written
 * @param files the files written, relative to {@code path} (just its name for a one-file format)
 * @param bytes their total size
 */
public record ExportResult(String format, Path path, List<String> files, long bytes, Usage usage) {

    public ExportResult {
        files = List.copyOf(files);
    }
}
