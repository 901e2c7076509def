package dev.loupe.engine.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that could not be read as an image. The message is meant for the user, who must be able to find the file
 * and fix it: "daisy/x.jpg: truncated or corrupt JPEG data". It names the file by its folder and name, because in a
 * dataset the folder is the class label and the full path is mostly noise.
 */
public class ImageDecodeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    public ImageDecodeException(Path file, String reason) {
        this(file, reason, null);
    }

    public ImageDecodeException(Path file, String reason, Throwable cause) {
        super(displayName(file) + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name, e.g. "empty file (0 bytes)". */
    public String reason() {
        return reason;
    }

    /** "folder/name", or just the name for a file without a parent folder. */
    static String displayName(Path file) {
        if (file == null) {
            return "(no file)";
        }
        Path name = file.getFileName();
        Path parent = file.getParent();
        if (name == null) {
            return file.toString();
        }
        if (parent == null || parent.getFileName() == null) {
            return name.toString();
        }
        return parent.getFileName() + "/" + name;
    }
}
