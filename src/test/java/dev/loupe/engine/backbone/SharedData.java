package dev.loupe.engine.backbone;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code ../shared} folder of real models and data, as surefire passes it in {@code loupe.shared}. */
final class SharedData {

    private SharedData() {
    }

    static Path dir(String relative) {
        String root = System.getProperty("loupe.shared");
        if (root == null) {
            throw new IllegalStateException("System property loupe.shared is not set: run the tests through Maven "
                    + "(surefire sets it to ../shared) or pass -Dloupe.shared=/path/to/shared");
        }
        Path dir = Path.of(root).resolve(relative);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir.toAbsolutePath() + " is missing: the shared data folder (loupe.shared="
                    + root + ") must hold " + relative);
        }
        return dir;
    }
}
