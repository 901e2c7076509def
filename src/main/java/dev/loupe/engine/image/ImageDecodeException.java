package dev.loupe.engine.image;

import java.io.IOException;
import java.nio.file.Path;

/** Temporary minimal version; replaced by the image package's own. */
public class ImageDecodeException extends IOException {
    private final Path file;
    private final String reason;

    public ImageDecodeException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public Path file() { return file; }

    public String reason() { return reason; }
}
