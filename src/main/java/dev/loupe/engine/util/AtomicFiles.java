package dev.loupe.engine.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

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

    private static final SecureRandom RANDOM = new SecureRandom();

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
        Path tmp = createTemp(dir, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.write(out);
                out.flush();
                if (force) {
                    channel.force(true);
                }
            }
            keepPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (force) {
                forceFolder(dir);
            }
        } catch (IOException e) {
            // The JDK's "No space left on device" names no file; the user needs to know which and what to do.
            if (!DiskFull.causedBy(dir, e)) {
                throw e;
            }
            // Removed first, so that the space the message gives is what the user has (it said "0 KB free").
            Files.deleteIfExists(tmp);
            throw DiskFull.explain(target, "write", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new hidden file beside the target, created like any file (so the umask sets its permissions, not
     * {@code Files.createTempFile}'s owner-only ones, which made every export unreadable to anyone else).
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // another writer's temporary file: draw another name
            }
        }
    }

    /** A file replaced keeps its permissions (an export others may read stays readable). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.isRegularFile(target) && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    /** Makes the rename itself durable: without it a power cut can bring the old file back. */
    private static void forceFolder(Path dir) {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; its NTFS journals the rename itself.
        }
    }

    /**
     * Removes the temporary files of {@code target} that a process killed while writing it left (it never got to
     * remove them): for a file of Loupe's own that is removed once done with, as a run's checkpoint (megabytes each).
     */
    public static void removeLeftovers(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var stale = Files.newDirectoryStream(dir, "." + target.getFileName() + ".*.tmp")) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
