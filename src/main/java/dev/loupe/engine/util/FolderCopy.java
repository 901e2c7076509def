package dev.loupe.engine.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Copies a folder tree into a new folder, whole or not at all (built beside the target, then moved into place). */
public final class FolderCopy {

    private FolderCopy() {
    }

    public static void copy(Path source, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
        List<Path> all;
        try (Stream<Path> walk = Files.walk(source)) {
            all = walk.filter(p -> !source.relativize(p).toString().startsWith(".loupe")).toList();
        }
        for (Path p : all) {
            Path dest = staging.resolve(source.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(dest);
            } else {
                Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
