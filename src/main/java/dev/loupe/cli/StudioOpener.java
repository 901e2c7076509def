package dev.loupe.cli;

import java.nio.file.Path;

/** Opens the studio for {@code loupe open}; the launcher supplies it, since the command line never touches JavaFX. */
@FunctionalInterface
public interface StudioOpener {

    /** Opens the studio on a dataset folder or a {@code .loupe} model, blocks until it closes; the exit code. */
    int open(Path datasetOrModel);
}
