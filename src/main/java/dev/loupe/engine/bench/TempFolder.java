package dev.loupe.engine.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder the bench creates for its own generated data and removes when closed. Only ever its own files: nothing
 * of the user's is in it, so removing it outright (rather than through Loupe's trash) is right.
 */
final class TempFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TempFolder.class);

    private final Path path;

    TempFolder(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the bench's temporary folder {}: {}", path, e.getMessage());
        }
    }
}
