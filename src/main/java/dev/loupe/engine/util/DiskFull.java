package dev.loupe.engine.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a full disk from other write failures. The JDK says only "No space left on device" and SQLite only "disk
 * I/O error" or "database or disk is full", neither naming the file; the user needs the file and what to do.
 */
public final class DiskFull {

    /** Below this much free space a failed write is put down to a full disk. */
    private static final long NEARLY_FULL = 1L << 20;

    private DiskFull() {
    }

    /** Whether {@code failure} writing under {@code where} looks like a full disk (or exceeded quota). */
    public static boolean causedBy(Path where, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left") || m.contains("Disk quota exceeded") || m.contains("SQLITE_FULL")
                    || m.contains("disk is full") || m.contains("not enough space")) {
                return true;
            }
        }
        return freeBytes(where) < NEARLY_FULL;
    }

    /** "Could not write FILE: the disk is full (N KB free). Free some space and try again. ..." */
    public static IOException explain(Path file, String what, Throwable failure) {
        return new IOException("Could not " + what + " " + file + ": the disk is full (" + freeBytes(file) / 1024
                + " KB free). Free some space and try again; " + "the previous version of the file is unchanged.",
                failure);
    }

    /** Bytes the user may still write where {@code where} is (or its nearest existing parent). */
    public static long freeBytes(Path where) {
        for (Path p = where.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return Files.getFileStore(p).getUsableSpace();
                } catch (IOException e) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return Long.MAX_VALUE;
    }
}
