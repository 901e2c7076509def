package dev.loupe.engine.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which processes have a file open, for a message like "locked by process 1234 (sqlite3)". Read from {@code /proc}
 * on Linux (only the processes this user may inspect); elsewhere, or when none is found, the list is empty and the
 * message says "another program".
 */
public final class FileHolders {

    private FileHolders() {
    }

    /** "process 1234 (sqlite3)" for each other process with one of {@code files} open. */
    public static List<String> of(Set<Path> files) {
        List<String> out = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return out;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString()
                .matches("\\d+"))) {
            for (Path pid : pids) {
                long id = Long.parseLong(pid.getFileName().toString());
                if (id != ProcessHandle.current().pid() && holds(pid, files)) {
                    String what = ProcessHandle.of(id).flatMap(h -> h.info().command())
                            .map(c -> Path.of(c).getFileName().toString()).orElse("?");
                    out.add("process " + id + " (" + what.replaceAll("\\p{Cntrl}", "?") + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a message without the holder is still a message.
        }
        return out;
    }

    private static boolean holds(Path pid, Set<Path> files) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (files.contains(Files.readSymbolicLink(fd))) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // The descriptor closed meanwhile.
                }
            }
        } catch (IOException e) {
            // Not ours to inspect, or gone.
        }
        return false;
    }
}
