package dev.loupe.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data beside the project ({@code ../shared}): flower photos and pretrained models. */
public final class SharedData {

    private SharedData() {
    }

    /** The shared folder; fails (never skips) when it is missing, since CI always has it. */
    public static Path root() {
        String prop = System.getProperty("loupe.shared", "../shared");
        Path p = Path.of(prop).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("datasets"))) {
            throw new IllegalStateException("The shared data folder is missing at " + p
                    + ": clone the project with ../shared beside it (see README)");
        }
        return p;
    }

    public static Path flowers() {
        return root().resolve("datasets").resolve("flowers-small");
    }
}
