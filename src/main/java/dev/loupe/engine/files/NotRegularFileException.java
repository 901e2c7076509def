package dev.loupe.engine.files;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A named pipe, device, socket or folder where Loupe expected a file: refused before it is opened. */
public final class NotRegularFileException extends FileSystemException {

    private final String kind;

    public NotRegularFileException(Path file, String kind) {
        super(file.toString(), null, kind + ", not a regular file: Loupe reads only regular files");
        this.kind = kind;
    }

    /** "a named pipe (FIFO)", "a character device", "a folder"... */
    public String kind() {
        return kind;
    }
}
