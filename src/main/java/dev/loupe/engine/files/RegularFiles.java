package dev.loupe.engine.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Only regular files are read as images, hashed or copied. Opening a named pipe blocks until something writes to it
 * and a device such as {@code /dev/zero} never ends, so a FIFO named {@code y.jpg} in a class folder would hang every
 * job: such a file is refused before it is opened, saying what it is. Links are followed here (a user may hand Loupe a
 * link to a photo); which links are followed at all is decided where files are listed (the dataset scanner, the
 * import).
 */
public final class RegularFiles {

    private static final int TYPE_MASK = 0170000;

    private RegularFiles() {
    }

    /** Throws {@link NotRegularFileException} unless {@code file} (after links) is a regular file. */
    public static void require(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new NotRegularFileException(file, kind(file, attrs));
        }
    }

    /**
     * What a file that is not a regular one is, in words: "a named pipe (FIFO)", "a folder", "a device"... Read
     * without following a link, so a link is "a link".
     */
    public static String kind(Path file) {
        try {
            return kind(file, Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return "a file Loupe cannot inspect";
        }
    }

    private static String kind(Path file, BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "a link";
        }
        if (attrs.isDirectory()) {
            return "a folder";
        }
        if (attrs.isRegularFile()) {
            return "a regular file";
        }
        try {
            // The unix view says which kind of special file; elsewhere there is only "other".
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            switch (mode & TYPE_MASK) {
                case 0010000: return "a named pipe (FIFO)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: return "not a regular file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "not a regular file";
        }
    }
}
