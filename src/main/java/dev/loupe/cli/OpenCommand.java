package dev.loupe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code loupe open FOLDER|MODEL}: the studio on a dataset or a model, also when the folder is named like a command
 * ({@code loupe bench} always runs the benchmark; {@code loupe open bench} opens the folder).
 */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Open the studio on a dataset folder or a .loupe model (needed when a folder has the name of "
                + "a command, e.g. loupe open bench).")
final class OpenCommand implements Callable<Integer> {

    private final StudioOpener studio;

    @Parameters(index = "0", paramLabel = "FOLDER|MODEL", description = "A dataset folder or a .loupe model file.")
    Path target;

    OpenCommand(StudioOpener studio) {
        this.studio = studio;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(target)) {
            throw new NoSuchFileException(target.toString(), null, "no such folder or model file");
        }
        boolean model = Files.isRegularFile(target)
                && target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".loupe");
        if (!Files.isDirectory(target) && !model) {
            throw new IllegalArgumentException(target + " is neither a dataset folder nor a .loupe model file");
        }
        return studio.open(target);
    }
}
