package dev.loupe.spark;

import dev.loupe.engine.util.OutputGuard;
import dev.loupe.engine.util.OutputRefusedException;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The desktop's output rules for a job whose output is on a local disk (a plain path or {@code file:}): not inside a
 * dataset's class folders or its {@code .loupe} folder, not a folder that holds the input ({@link OutputGuard}). On
 * any file system Spark then refuses an output that exists already ({@code SaveMode.ErrorIfExists}), so a job never
 * replaces anything.
 */
final class OutputCheck {

    private OutputCheck() {
    }

    static void check(JobRequest request) throws OutputRefusedException {
        Path output = local(request.output());
        if (output == null) {
            return;
        }
        Path input = local(request.input());
        boolean glob = request.input().chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
        OutputGuard.checkFolder(output, input == null || glob ? List.of() : List.of(input));
    }

    /** The local path of a plain path or a {@code file:} URI; null for any other file system. */
    static Path local(String path) {
        try {
            URI uri = URI.create(path);
            if (uri.getScheme() == null) {
                return Path.of(path);
            }
            return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
        } catch (IllegalArgumentException e) {
            return path.contains("://") ? null : Path.of(path);
        }
    }
}
