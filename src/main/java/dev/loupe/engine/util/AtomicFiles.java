package dev.loupe.engine.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every file Loupe writes goes through here: written to a temporary file beside the target, flushed to disk, then
 * moved into place. A crash or a full disk leaves the old file whole, never a half-written one.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, true);
    }

    /**
     * Like {@link #write} but without forcing the content to disk before the move: for cache files only, which are
     * made again when lost. A crash may then leave the file empty or short, so readers must treat an unreadable
     * cache file as missing. Forcing costs a disk flush per file (10-40 ms each on the benchmark machine), which
     * capped thumbnail making at a few dozen a second.
     */
    public static void writeCache(Path target, Writer writer) throws IOException {
        write(target, writer, false);
    }

    private static void write(Path target, Writer writer, boolean force) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                if (force) {
                    channel.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // The JDK's "No space left on device" names no file; the user needs to know which and what to do.
            throw DiskFull.causedBy(dir, e) ? DiskFull.explain(target, "write", e) : e;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
